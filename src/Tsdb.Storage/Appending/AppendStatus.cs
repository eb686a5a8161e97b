namespace Tsdb.Storage;

/// <summary>What became of one sample given to an appender.</summary>
public enum AppendStatus
{
    /// <summary>Accepted into the batch (or identical to the sample already stored at that time).</summary>
    Ok,
    /// <summary>Older than the newest sample of its series: rejected.</summary>
    OutOfOrder,
    /// <summary>Same timestamp as the newest sample of its series but another value: rejected.</summary>
    Duplicate,
    /// <summary>The series reference is not (or no longer) known: append by labels instead.</summary>
    UnknownSeries,
}
