using Tsdb.Storage;

namespace Tsdb.Scrape.Relabeling;

/// <summary>
/// A mutable label set for relabeling: unsorted while it is edited, sorted once by <see cref="Build"/>.
/// Label sets are small (tens of labels), so lookups scan; reuse one builder with <see cref="Reset"/>
/// to avoid allocating per target or per series.
/// </summary>
public sealed class LabelsBuilder
{
    private readonly List<Label> _labels = new(16);

    public LabelsBuilder() { }

    public LabelsBuilder(Labels labels) => Reset(labels);

    public int Count => _labels.Count;

    public Label this[int index] => _labels[index];

    public void Reset(Labels labels)
    {
        _labels.Clear();
        foreach (var l in labels) _labels.Add(l);
    }

    public void Clear() => _labels.Clear();

    /// <summary>The value, or "" when the label is absent (the two are the same to Prometheus).</summary>
    public string Get(string name)
    {
        int i = IndexOf(name);
        return i < 0 ? "" : _labels[i].Value;
    }

    /// <summary>Sets the label; an empty value deletes it, as in Prometheus.</summary>
    public void Set(string name, string value)
    {
        if (value.Length == 0)
        {
            Delete(name);
            return;
        }
        int i = IndexOf(name);
        if (i < 0) _labels.Add(new Label(name, value));
        else _labels[i] = new Label(name, value);
    }

    public void Delete(string name)
    {
        int i = IndexOf(name);
        if (i >= 0) _labels.RemoveAt(i);
    }

    /// <summary>Deletes every label whose name satisfies <paramref name="predicate"/>.</summary>
    public void DeleteWhere<TState>(TState state, Func<TState, string, bool> predicate)
    {
        for (int i = _labels.Count - 1; i >= 0; i--)
        {
            if (predicate(state, _labels[i].Name)) _labels.RemoveAt(i);
        }
    }

    /// <summary>Copies the current labels into <paramref name="destination"/> (a snapshot to iterate while editing).</summary>
    public void CopyTo(Span<Label> destination)
    {
        for (int i = 0; i < _labels.Count; i++) destination[i] = _labels[i];
    }

    public Labels Build() => _labels.Count == 0 ? Labels.Empty : Labels.From(_labels);

    private int IndexOf(string name)
    {
        for (int i = 0; i < _labels.Count; i++)
        {
            if (string.Equals(_labels[i].Name, name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
