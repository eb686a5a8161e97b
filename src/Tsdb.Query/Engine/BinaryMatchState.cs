using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>
/// What a vector/vector operation carries from one step to the next: the hash tables a step's samples are
/// matched in, cleared rather than allocated again at every step, and the result label set of each series
/// of the "many" side, built once. The same series recur at every step; over 2,000 series and 61 steps, the
/// tables and label sets made anew at each step were most of a query's allocations.
/// </summary>
internal sealed class BinaryMatchState(Operator op, VectorMatching matching, bool returnBool)
{
    /// <summary>By the "many" side's label set (the instance), its result's; only when the result does not depend on the other side.</summary>
    private readonly Dictionary<Labels, Labels> _resultMetrics = new(ReferenceEqualityComparer.Instance);

    public MatchSignatures Signatures { get; } = new(matching);

    /// <summary>The "one" side's samples by signature, for the step at hand.</summary>
    public Dictionary<ulong, Sample> OneSide { get; } = [];

    /// <summary>The signatures matched at the step at hand, with the result label sets of each for many-to-one matching.</summary>
    public Dictionary<ulong, HashSet<Labels>?> Matched { get; } = [];

    /// <summary>The signatures of one side at the step at hand (set operators).</summary>
    public HashSet<ulong> Signed { get; } = [];

    /// <summary>The labels of a vector/vector result: the "many" side's, reduced for one-to-one, plus group_x's extra labels.</summary>
    public Labels ResultMetric(Labels many, Labels one)
    {
        // group_x's extra labels come from the other side, which may differ from step to step.
        if (matching.Include.Count > 0) return Build(many, one);
        if (_resultMetrics.TryGetValue(many, out var metric)) return metric;
        metric = Build(many, one);
        _resultMetrics.Add(many, metric);
        return metric;
    }

    private Labels Build(Labels many, Labels one)
    {
        var metric = BinaryOps.DropsMetricName(op) ? LabelSets.DropMetricName(many) : many;
        if (matching.Cardinality == MatchCardinality.OneToOne)
            metric = LabelSets.Project(metric, matching.MatchingLabels, keep: matching.On, alsoDropName: false);
        foreach (var name in matching.Include)
            metric = LabelSets.With(metric, name, one.Get(name));
        return returnBool ? LabelSets.DropMetricName(metric) : metric;
    }
}
