using Tsdb.Storage.Chunks;

namespace Tsdb.Storage;

/// <summary>
/// A consistent view of a series' chunks taken under its lock, iterated without it. The open chunk is kept as
/// the array and sample count its iterator starts from, not as the iterator (64 bytes of decoder state): a query
/// holds one snapshot per selected series, tens of thousands of them, until it has read them all.
/// </summary>
internal readonly struct SeriesSnapshot(ArraySegment<FullChunk> fullChunks, byte[]? openChunkBytes, int openChunkCount,
    bool knownToHoldSampleInRange)
{
    public ArraySegment<FullChunk> FullChunks => fullChunks;

    /// <summary>The open chunk's samples as at the snapshot; only when <see cref="HasOpenChunk"/>.</summary>
    public XorIterator OpenChunk() => new(openChunkBytes!, openChunkCount);

    public bool HasOpenChunk => openChunkBytes is not null;

    /// <summary>
    /// True when the chunks' time bounds alone show a sample in the range the snapshot was taken for; false
    /// means only that the samples must be read to tell.
    /// </summary>
    public bool KnownToHoldSampleInRange => knownToHoldSampleInRange;

    public bool IsEmpty => FullChunks.Count == 0 && !HasOpenChunk;
}
