namespace Tsdb.Storage.Index;

/// <summary>An append-only list of series references in ascending order, for one label pair.</summary>
internal sealed class PostingsList
{
    private uint[] _items = new uint[1];
    private int _count;

    public int Count => _count;

    /// <summary>Appends a reference larger than any before it. The caller holds the index's write lock.</summary>
    public void Append(uint seriesRef)
    {
        if (_count == _items.Length)
        {
            // Grow by copying: readers holding a view of the old array keep a consistent prefix.
            var grown = new uint[_items.Length < 1024 ? _items.Length * 2 : _items.Length + _items.Length / 2];
            Array.Copy(_items, grown, _count);
            _items = grown;
        }
        _items[_count++] = seriesRef;
    }

    public Postings View() => new(_items, _count);
}
