namespace Tsdb.Storage;

/// <summary>
/// Series by their dense reference numbers, in fixed-size pages so that lookups on the append fast path
/// are two array reads with no lock, while the table grows.
/// </summary>
internal sealed class SeriesByRef
{
    private const int PageBits = 16;
    private const int PageSize = 1 << PageBits;

    private MemSeries?[]?[] _pages = new MemSeries?[]?[16];

    public MemSeries? Get(ulong seriesRef)
    {
        var pages = Volatile.Read(ref _pages);
        ulong page = seriesRef >> PageBits;
        if (page >= (ulong)pages.Length) return null;
        var entries = Volatile.Read(ref pages[page]);
        return entries is null ? null : Volatile.Read(ref entries[seriesRef & (PageSize - 1)]);
    }

    /// <summary>Stores a series. Callers serialise calls (the head's creation lock).</summary>
    public void Set(ulong seriesRef, MemSeries series)
    {
        var pages = _pages;
        ulong page = seriesRef >> PageBits;
        if (page >= (ulong)pages.Length)
        {
            var grown = new MemSeries?[]?[Math.Max(pages.Length * 2, (int)page + 1)];
            Array.Copy(pages, grown, pages.Length);
            Volatile.Write(ref _pages, grown);
            pages = grown;
        }
        var entries = pages[page];
        if (entries is null)
        {
            entries = new MemSeries?[PageSize];
            Volatile.Write(ref pages[page], entries);
        }
        Volatile.Write(ref entries[seriesRef & (PageSize - 1)], series);
    }
}
