namespace Tsdb.Storage;

/// <summary>
/// A batch of samples that becomes durable (per the WAL sync policy) and visible at once, on
/// <see cref="Commit"/>. Not thread-safe: one appender per writer; many appenders may run concurrently.
/// </summary>
public interface IAppender
{
    /// <summary>
    /// Adds a sample to the series with these labels, creating the series if needed;
    /// <paramref name="seriesRef"/> is set even when the sample is rejected, for caching.
    /// </summary>
    AppendStatus Append(Labels labels, long timestamp, double value, out SeriesRef seriesRef);

    /// <summary>Adds a sample by a reference an earlier append returned: the fast path.</summary>
    AppendStatus Append(SeriesRef seriesRef, long timestamp, double value);

    /// <summary>Writes the batch to the WAL, then makes it visible. The appender can be reused after.</summary>
    CommitResult Commit();

    /// <summary>Discards the batch. Series it created stay, empty, as in Prometheus.</summary>
    void Rollback();
}
