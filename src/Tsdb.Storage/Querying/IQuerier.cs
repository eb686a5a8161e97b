namespace Tsdb.Storage;

/// <summary>Reads the storage over the fixed time range [mint, maxt] it was opened for (milliseconds, inclusive).</summary>
public interface IQuerier : IDisposable
{
    /// <summary>
    /// The series matching every matcher that have at least one sample in range, sorted by labels;
    /// their iterators yield only samples in range.
    /// </summary>
    ISeriesSet Select(params ReadOnlySpan<Matcher> matchers);

    /// <summary>Sorted label names of the series that match (all series in range when none given).</summary>
    IReadOnlyList<string> LabelNames(params ReadOnlySpan<Matcher> matchers);

    /// <summary>Sorted values of <paramref name="name"/> among the series that match.</summary>
    IReadOnlyList<string> LabelValues(string name, params ReadOnlySpan<Matcher> matchers);
}
