using Tsdb.Storage.Wal;

namespace Tsdb.Storage.Tests.Wal;

/// <summary>A fresh temporary WAL directory, deleted on dispose, with helpers to write and read back records.</summary>
internal sealed class WalTestDirectory : IDisposable
{
    public WalTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tsdb-wal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public WalOptions Options(long segmentSize = 128L * 1024 * 1024, WalSyncPolicy policy = WalSyncPolicy.None) =>
        new(Path) { SegmentSize = segmentSize, SyncPolicy = policy, SyncInterval = TimeSpan.FromMilliseconds(5) };

    public string Segment(int sequence) => WalSegments.PathOf(Path, sequence);

    public string[] SegmentFiles() =>
        Directory.GetFiles(Path).Where(f => WalSegments.TryParseName(System.IO.Path.GetFileName(f), out _)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Opens the log, collecting every replayed record.</summary>
    public static WriteAheadLog Open(WalOptions options, List<byte[]> replayed, CapturingLogger? logger = null) =>
        WriteAheadLog.Open(options, record => replayed.Add(record.ToArray()), logger ?? new CapturingLogger());

    /// <summary>Opens, replays and closes the log; returns the records and the replay statistics.</summary>
    public static (List<byte[]> Records, WalReplayStats Stats) Replay(WalOptions options, CapturingLogger? logger = null)
    {
        var records = new List<byte[]>();
        using var wal = Open(options, records, logger);
        return (records, wal.ReplayStats);
    }

    public static void Write(WalOptions options, IEnumerable<byte[]> records)
    {
        using var wal = Open(options, []);
        foreach (var r in records) wal.Log(r);
        wal.Flush();
    }

    /// <summary>A record whose bytes all derive from its index and length, so any damage or mix-up is visible.</summary>
    public static byte[] Record(int index, int length)
    {
        var bytes = new byte[Math.Max(length, 4)];
        BitConverter.TryWriteBytes(bytes, index);
        for (int i = 4; i < bytes.Length; i++) bytes[i] = (byte)(index * 31 + i * 7);
        return bytes;
    }

    /// <summary>The byte offset of every frame in a segment, read from the length fields, plus the end of the last.</summary>
    public static List<long> FrameOffsets(string segmentPath)
    {
        var bytes = File.ReadAllBytes(segmentPath);
        var offsets = new List<long> { 0 };
        long offset = 0;
        while (offset < bytes.Length)
        {
            offset += WalFrame.HeaderSize + BitConverter.ToUInt32(bytes, (int)offset);
            offsets.Add(offset);
        }
        return offsets;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
