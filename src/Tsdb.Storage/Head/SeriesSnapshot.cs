using Tsdb.Storage.Chunks;

namespace Tsdb.Storage;

/// <summary>A consistent view of a series' chunks taken under its lock, iterated without it.</summary>
internal readonly struct SeriesSnapshot(ArraySegment<XorChunk> fullChunks, XorIterator openChunk, bool hasOpenChunk)
{
    public ArraySegment<XorChunk> FullChunks => fullChunks;

    public XorIterator OpenChunk => openChunk;

    public bool HasOpenChunk => hasOpenChunk;

    public bool IsEmpty => FullChunks.Count == 0 && !HasOpenChunk;
}
