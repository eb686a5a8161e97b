using System.Collections.Concurrent;
using Tsdb.Storage;

namespace Tsdb.Server.SelfMetrics;

/// <summary>The children of a metric with label names, one per distinct combination of label values, created on first use.</summary>
internal sealed class LabeledChildren<T>(string[] labelNames, Func<T> create) where T : class
{
    private readonly ConcurrentDictionary<string, (Label[] Labels, T Child)> _children = new(StringComparer.Ordinal);

    public T Get(ReadOnlySpan<string> values)
    {
        if (values.Length != labelNames.Length)
            throw new ArgumentException($"expected {labelNames.Length} label values, got {values.Length}");
        var key = string.Join('\xff', values.ToArray());
        if (_children.TryGetValue(key, out var existing)) return existing.Child;
        var labels = new Label[labelNames.Length];
        for (int i = 0; i < labels.Length; i++) labels[i] = new Label(labelNames[i], values[i]);
        return _children.GetOrAdd(key, _ => (labels, create())).Child;
    }

    /// <summary>The children in label value order, so that the output is stable.</summary>
    public IEnumerable<(Label[] Labels, T Child)> Sorted() =>
        _children.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value);
}
