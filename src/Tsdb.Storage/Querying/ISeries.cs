namespace Tsdb.Storage;

/// <summary>A series as a query sees it: its labels and its samples within the querier's range.</summary>
public interface ISeries
{
    Labels Labels { get; }

    /// <summary>A new iterator over the samples, each call independent of the others.</summary>
    ISampleIterator Iterator();
}
