namespace Tsdb.Storage.Wal;

/// <summary>What <see cref="WriteAheadLog.Open"/> read before the log was ready for appending.</summary>
/// <param name="SegmentsRead">Segment files read (the corrupt one included, deleted ones not).</param>
/// <param name="RecordsRead">Records handed to the replay handler.</param>
/// <param name="BytesRead">Bytes of those records, frame headers included.</param>
/// <param name="Corruption">The torn or corrupt record that ended the replay, or null if every segment was intact.</param>
/// <param name="SegmentsDeleted">Segments after the corrupt one that were deleted.</param>
public sealed record WalReplayStats(
    int SegmentsRead, long RecordsRead, long BytesRead, WalCorruption? Corruption, int SegmentsDeleted);
