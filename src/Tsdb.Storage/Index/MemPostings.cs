namespace Tsdb.Storage.Index;

/// <summary>
/// The head's inverted index: label name -> label value -> series references, plus the list of every
/// series. Writers append under the lock; readers take views under it and use them after.
/// </summary>
internal sealed class MemPostings
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, PostingsList>> _byName = new(StringComparer.Ordinal);
    private readonly PostingsList _all = new();

    /// <summary>Indexes a new series. References must arrive in ascending order.</summary>
    public void Add(uint seriesRef, Labels labels)
    {
        lock (_lock)
        {
            foreach (var label in labels)
            {
                if (!_byName.TryGetValue(label.Name, out var values))
                {
                    values = new Dictionary<string, PostingsList>(StringComparer.Ordinal);
                    _byName.Add(label.Name, values);
                }
                if (!values.TryGetValue(label.Value, out var list))
                {
                    list = new PostingsList();
                    values.Add(label.Value, list);
                }
                list.Append(seriesRef);
            }
            _all.Append(seriesRef);
        }
    }

    public Postings All()
    {
        lock (_lock) return _all.View();
    }

    public Postings Get(string name, string value)
    {
        lock (_lock)
        {
            return _byName.TryGetValue(name, out var values) && values.TryGetValue(value, out var list)
                ? list.View()
                : Postings.Empty;
        }
    }

    /// <summary>Views of the postings of every value of <paramref name="name"/> accepted by <paramref name="accept"/>.</summary>
    public List<Postings> GetWhere(string name, Func<string, bool> accept)
    {
        var result = new List<Postings>();
        lock (_lock)
        {
            if (!_byName.TryGetValue(name, out var values)) return result;
            foreach (var (value, list) in values)
            {
                if (accept(value)) result.Add(list.View());
            }
        }
        return result;
    }

    /// <summary>Views of the postings of each of <paramref name="values"/> that exists.</summary>
    public List<Postings> GetAll(string name, IReadOnlyList<string> values)
    {
        var result = new List<Postings>(values.Count);
        lock (_lock)
        {
            if (!_byName.TryGetValue(name, out var byValue)) return result;
            foreach (var value in values)
            {
                if (byValue.TryGetValue(value, out var list)) result.Add(list.View());
            }
        }
        return result;
    }

    public string[] LabelNames()
    {
        lock (_lock) return [.. _byName.Keys];
    }

    public string[] LabelValues(string name)
    {
        lock (_lock) return _byName.TryGetValue(name, out var values) ? [.. values.Keys] : [];
    }
}
