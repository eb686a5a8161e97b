using Tsdb.Storage.Chunks;

namespace Tsdb.Storage;

/// <summary>A consistent view of a series' chunks taken under its lock, iterated without it.</summary>
internal readonly struct SeriesSnapshot(ArraySegment<FullChunk> fullChunks, XorIterator openChunk, bool hasOpenChunk,
    bool knownToHoldSampleInRange)
{
    public ArraySegment<FullChunk> FullChunks => fullChunks;

    public XorIterator OpenChunk => openChunk;

    public bool HasOpenChunk => hasOpenChunk;

    /// <summary>
    /// True when the chunks' time bounds alone show a sample in the range the snapshot was taken for; false
    /// means only that the samples must be read to tell.
    /// </summary>
    public bool KnownToHoldSampleInRange => knownToHoldSampleInRange;

    public bool IsEmpty => FullChunks.Count == 0 && !HasOpenChunk;
}
