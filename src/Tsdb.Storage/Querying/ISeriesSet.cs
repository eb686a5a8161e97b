namespace Tsdb.Storage;

/// <summary>The series a select found, in label order.</summary>
public interface ISeriesSet
{
    bool MoveNext();

    ISeries Current { get; }
}
