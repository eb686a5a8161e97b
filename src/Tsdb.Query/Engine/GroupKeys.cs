using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>
/// The group an aggregation puts a series in: its labels projected onto the <c>by</c> list, or without the
/// <c>without</c> list and the name. A <c>by</c> key is remembered by the values of the grouping labels, so the
/// thousands of series of one group (<c>sum by (instance)</c>) share one projection and the lookup allocates
/// nothing; a <c>without</c> key is remembered by the series' label set where that set comes back step after step.
/// </summary>
internal sealed class GroupKeys
{
    private readonly string[] _names;
    private readonly bool _without;
    private readonly string[] _values;
    private readonly Dictionary<GroupingValues, Labels> _byValues = [];
    private readonly Dictionary<Labels, Labels>? _byLabelSet;

    /// <param name="labelSetsRecur">
    /// Whether the same label set instances are asked for again (an evaluation step by step); when each is seen
    /// once, remembering them would only cost a table entry each.
    /// </param>
    public GroupKeys(IReadOnlyList<string> names, bool without, bool labelSetsRecur)
    {
        _names = [.. names];
        _without = without;
        _values = new string[_names.Length];
        if (without && labelSetsRecur) _byLabelSet = new(ReferenceEqualityComparer.Instance);
    }

    /// <summary>Whether the key of a series is the same with or without its name.</summary>
    public bool IgnoresName => _without || !LabelSets.Contains(_names, Labels.MetricName);

    public Labels Of(Labels metric)
    {
        if (_without)
        {
            if (_byLabelSet is null) return Project(metric);
            if (_byLabelSet.TryGetValue(metric, out var known)) return known;
            known = Project(metric);
            _byLabelSet.Add(metric, known);
            return known;
        }
        for (int i = 0; i < _names.Length; i++) _values[i] = metric.Get(_names[i]);
        if (_byValues.TryGetValue(new GroupingValues(_values), out var key)) return key;
        key = Project(metric);
        _byValues.Add(new GroupingValues([.. _values]), key);
        return key;
    }

    private Labels Project(Labels metric) => _without
        ? LabelSets.Project(metric, _names, keep: false, alsoDropName: true)
        : LabelSets.Project(metric, _names, keep: true, alsoDropName: false);

    /// <summary>The values of the grouping labels, in the order of the <c>by</c> list ("" for an absent one).</summary>
    private readonly struct GroupingValues(string[] values) : IEquatable<GroupingValues>
    {
        public bool Equals(GroupingValues other) => values.AsSpan().SequenceEqual(other.Values);

        private string[] Values => values;

        public override bool Equals(object? obj) => obj is GroupingValues other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var v in values) hash.Add(v);
            return hash.ToHashCode();
        }
    }
}
