namespace Tsdb.Storage;

/// <summary>The series a select found, in label order.</summary>
public interface ISeriesSet
{
    bool MoveNext();

    /// <summary>
    /// The series <see cref="MoveNext"/> moved to, valid until it moves again: a set may hand out one object
    /// for all its series, as Prometheus's series sets may.
    /// </summary>
    ISeries Current { get; }
}
