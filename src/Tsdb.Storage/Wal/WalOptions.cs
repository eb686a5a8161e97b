namespace Tsdb.Storage.Wal;

/// <summary>Where the log lives and how it cuts and syncs its segments.</summary>
public sealed record WalOptions(string Directory)
{
    /// <summary>
    /// A segment is cut before a record would make it larger than this. Records never span segments, so a
    /// single record larger than this gets a segment of its own.
    /// </summary>
    public long SegmentSize { get; init; } = 128L * 1024 * 1024;

    public WalSyncPolicy SyncPolicy { get; init; } = WalSyncPolicy.Interval;

    /// <summary>The fsync period of <see cref="WalSyncPolicy.Interval"/>.</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(1);
}
