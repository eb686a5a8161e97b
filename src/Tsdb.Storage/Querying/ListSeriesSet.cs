namespace Tsdb.Storage;

/// <summary>A series set over a list that is already sorted by labels.</summary>
public sealed class ListSeriesSet(IReadOnlyList<ISeries> series) : ISeriesSet
{
    private int _index = -1;

    public bool MoveNext() => ++_index < series.Count;

    public ISeries Current => series[_index];
}
