using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>
/// The labels two series are matched on in a vector/vector operation: the <c>on</c> labels, or all but the
/// <c>ignoring</c> labels and the metric name. Memoized per input label set, since the same series recur
/// at every step.
/// </summary>
internal sealed class MatchSignatures(VectorMatching matching)
{
    private readonly Dictionary<Labels, Labels> _cache = new(ReferenceEqualityComparer.Instance);

    public Labels Of(Labels metric)
    {
        if (_cache.TryGetValue(metric, out var sig)) return sig;
        sig = LabelSets.Project(metric, matching.MatchingLabels, keep: matching.On, alsoDropName: !matching.On);
        _cache.Add(metric, sig);
        return sig;
    }
}
