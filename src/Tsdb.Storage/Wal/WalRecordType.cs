namespace Tsdb.Storage.Wal;

/// <summary>The first byte of every WAL record payload.</summary>
public enum WalRecordType : byte
{
    /// <summary>A type byte this version does not know (written by a newer version, or damaged).</summary>
    Unknown = 0,
    /// <summary>New series: <see cref="WalSeriesRecord"/>.</summary>
    Series = 1,
    /// <summary>Float samples: <see cref="WalSamplesRecord"/>.</summary>
    Samples = 2,
}
