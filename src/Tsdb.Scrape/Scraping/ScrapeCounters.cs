namespace Tsdb.Scrape.Scraping;

/// <summary>
/// Running totals of scraping, for the server's own /metrics: kept per loop and summed over all loops by
/// the manager. Updated once per scrape; safe to read from any thread.
/// </summary>
public sealed class ScrapeCounters
{
    private long _scrapes;
    private long _failures;
    private long _samplesAppended;
    private long _outOfOrder;
    private long _duplicates;
    private long _sampleLimitExceeded;

    public long Scrapes => Interlocked.Read(ref _scrapes);

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Samples the storage accepted, staleness markers and report series included.</summary>
    public long SamplesAppended => Interlocked.Read(ref _samplesAppended);

    /// <summary>Samples refused for being older than their series' newest sample.</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary>Samples refused for repeating a timestamp with another value.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long SampleLimitExceeded => Interlocked.Read(ref _sampleLimitExceeded);

    internal void RecordScrape(bool failed, bool sampleLimitExceeded, Tsdb.Storage.CommitResult commit)
    {
        Interlocked.Increment(ref _scrapes);
        if (failed) Interlocked.Increment(ref _failures);
        if (sampleLimitExceeded) Interlocked.Increment(ref _sampleLimitExceeded);
        RecordCommit(commit);
    }

    internal void RecordCommit(Tsdb.Storage.CommitResult commit)
    {
        Interlocked.Add(ref _samplesAppended, commit.Appended);
        Interlocked.Add(ref _outOfOrder, commit.OutOfOrder);
        Interlocked.Add(ref _duplicates, commit.Duplicate);
    }
}
