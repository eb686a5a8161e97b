namespace Tsdb.Storage.Chunks;

/// <summary>
/// A chunk the head has cut: its encoded bytes, which never change again, with the sample count and time bounds
/// that readers check before opening it. Kept by value in the series' array of full chunks, so that choosing the
/// chunks a query needs reads that one array rather than a chunk object per chunk, and a full chunk costs its
/// bytes and no encoder state.
/// </summary>
internal readonly struct FullChunk(byte[] bytes, int count, long minTime, long maxTime)
{
    public long MinTime => minTime;

    public long MaxTime => maxTime;

    /// <summary>Encoded bytes (count header and bit stream), without the padding after them.</summary>
    public int ByteSize => bytes.Length - XorChunk.PaddingBytes;

    public XorIterator Iterator() => new(bytes, count);
}
