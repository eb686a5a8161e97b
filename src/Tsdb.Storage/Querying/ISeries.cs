namespace Tsdb.Storage;

/// <summary>A series as a query sees it: its labels and its samples within the querier's range.</summary>
public interface ISeries
{
    Labels Labels { get; }

    /// <summary>A new iterator over the samples, each call independent of the others.</summary>
    ISampleIterator Iterator() => Iterator(reuse: null);

    /// <summary>
    /// An iterator over the samples that may be <paramref name="reuse"/> itself, started afresh: a reader going
    /// through many series one after the other passes back the iterator of the last one, which it is done with,
    /// so that a query over tens of thousands of series does not allocate one each. Any iterator may be passed;
    /// one of another kind is left alone and a new one returned.
    /// </summary>
    ISampleIterator Iterator(ISampleIterator? reuse);
}
