using System.Runtime.InteropServices;
using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>
/// The labels two series are matched on in a vector/vector operation: the <c>on</c> labels, or all but the
/// <c>ignoring</c> labels and the metric name. Series are matched by the 64-bit hash of those labels, as
/// Prometheus matches them, so that the tables a step fills are keyed by numbers rather than label sets.
/// Memoized per input label set, since the same series recur at every step.
/// </summary>
internal sealed class MatchSignatures(VectorMatching matching)
{
    private readonly Dictionary<Labels, ulong> _cache = new(ReferenceEqualityComparer.Instance);

    /// <summary>Makes room for this many series at once, rather than growing the memo by doubling as they come.</summary>
    public void Expect(int series) => _cache.EnsureCapacity(series);

    public ulong Of(Labels metric)
    {
        ref ulong signature = ref CollectionsMarshal.GetValueRefOrAddDefault(_cache, metric, out bool known);
        if (!known) signature = LabelSets.ProjectionHash(metric, matching.MatchingLabels, keep: matching.On, alsoDropName: !matching.On);
        return signature;
    }

    /// <summary>The labels the signature of <paramref name="metric"/> is the hash of, for error messages.</summary>
    public Labels LabelsOf(Labels metric) =>
        LabelSets.Project(metric, matching.MatchingLabels, keep: matching.On, alsoDropName: !matching.On);
}
