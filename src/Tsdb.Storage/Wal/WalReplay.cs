using Microsoft.Extensions.Logging;

namespace Tsdb.Storage.Wal;

/// <summary>
/// Reads every segment of a log directory in order and repairs a torn or corrupt tail: the segment holding the
/// first bad record is truncated at the start of that record and every later segment is deleted, so what
/// remains is exactly the records that were delivered.
/// </summary>
internal static partial class WalReplay
{
    /// <summary>The outcome, with the last segment that remains (null if none) and its length after repair.</summary>
    public readonly record struct Result(WalReplayStats Stats, int? LastSegment, long LastSegmentLength);

    public static Result Run(string directory, WalRecordHandler onRecord, ILogger logger)
    {
        var sequences = WalSegments.List(directory);
        long records = 0, bytes = 0;
        int segmentsRead = 0;
        byte[]? buffer = null;
        for (int i = 0; i < sequences.Count; i++)
        {
            string path = WalSegments.PathOf(directory, sequences[i]);
            WalCorruption? corruption;
            long segmentLength;
            using (var reader = new WalSegmentReader(path, buffer))
            {
                segmentsRead++;
                while (reader.TryRead(out var payload))
                {
                    onRecord(payload);
                    records++;
                    bytes += WalFrame.HeaderSize + payload.Length;
                }
                corruption = reader.Corruption;
                segmentLength = reader.Offset;
                buffer = reader.Buffer;
            }
            if (corruption is null) continue;

            Truncate(path, corruption.Offset);
            int deleted = DeleteFrom(directory, sequences, i + 1);
            DirectorySync.Flush(directory);
            LogRepaired(logger, path, corruption.Offset, corruption.Reason, corruption.Detail, deleted);
            return new Result(new WalReplayStats(segmentsRead, records, bytes, corruption, deleted), sequences[i], segmentLength);
        }
        long lastLength = sequences.Count == 0 ? 0 : new FileInfo(WalSegments.PathOf(directory, sequences[^1])).Length;
        int? last = sequences.Count == 0 ? null : sequences[^1];
        return new Result(new WalReplayStats(segmentsRead, records, bytes, null, 0), last, lastLength);
    }

    private static void Truncate(string path, long length)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        RandomAccess.SetLength(file, length);
        RandomAccess.FlushToDisk(file);
    }

    /// <summary>Deletes the segments from index <paramref name="first"/> on, newest first, so a crash midway still leaves consecutive segments.</summary>
    private static int DeleteFrom(string directory, List<int> sequences, int first)
    {
        for (int i = sequences.Count - 1; i >= first; i--)
            File.Delete(WalSegments.PathOf(directory, sequences[i]));
        return sequences.Count - first;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "WAL segment {Segment} is torn or corrupt at byte offset {Offset} ({Reason}: {Detail}); truncated it there and deleted {DeletedSegments} later segment(s)")]
    private static partial void LogRepaired(ILogger logger, string segment, long offset, WalCorruptionReason reason, string detail, int deletedSegments);
}
