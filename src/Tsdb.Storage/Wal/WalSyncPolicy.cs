namespace Tsdb.Storage.Wal;

/// <summary>
/// When the log asks the OS to put written bytes on disk (fsync). In every policy
/// <see cref="WriteAheadLog.Flush"/> hands the bytes to the OS before it returns, so a killed process loses
/// nothing that was flushed; the policy only decides what survives a power loss or kernel crash.
/// </summary>
public enum WalSyncPolicy
{
    /// <summary>fsync on every flush: a returned flush survives power loss.</summary>
    Always,
    /// <summary>fsync at most once per <see cref="WalOptions.SyncInterval"/>, from a background timer.</summary>
    Interval,
    /// <summary>fsync only when a segment is closed and when the log is disposed.</summary>
    None,
}
