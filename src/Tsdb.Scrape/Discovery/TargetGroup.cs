using Tsdb.Storage;

namespace Tsdb.Scrape.Discovery;

/// <summary>
/// Targets found together, identified by <see cref="Source"/> (the static_configs index, or "file:index"
/// for file_sd). Each target's labels hold <c>__address__</c>, the group's labels and meta labels.
/// A group with no targets means the source no longer has any: its old targets go away.
/// </summary>
public sealed record TargetGroup(string Source, IReadOnlyList<Labels> Targets)
{
    /// <summary>Per-target labels as Prometheus builds them: the address wins over a group label of the same name.</summary>
    public static TargetGroup Create(string source, IReadOnlyList<string> addresses, IEnumerable<Label> groupLabels)
    {
        var shared = groupLabels.Where(l => l.Name != "__address__").ToList();
        var targets = new List<Labels>(addresses.Count);
        foreach (var address in addresses)
        {
            var labels = new List<Label>(shared.Count + 1) { new("__address__", address) };
            labels.AddRange(shared);
            targets.Add(Labels.From(labels));
        }
        return new TargetGroup(source, targets);
    }
}

/// <summary>All current target groups of one scrape job (the whole state, not a difference).</summary>
public sealed record DiscoveryUpdate(string JobName, IReadOnlyList<TargetGroup> Groups);
