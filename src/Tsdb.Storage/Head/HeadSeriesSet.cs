namespace Tsdb.Storage;

/// <summary>
/// The series a head querier selected, in label order. The set is its own <see cref="Current"/>: each selected
/// series is a label set and a snapshot held by value in one list, not an object of its own, since a query over
/// tens of thousands of series would otherwise allocate as many objects (80 bytes each with their list slot,
/// against 40 in the list here) only to read each once.
/// </summary>
internal sealed class HeadSeriesSet(List<HeadSeriesSet.Selected> selected, long mint, long maxt) : ISeriesSet, ISeries
{
    private int _index = -1;

    /// <summary>A selected series: its label set, and its chunks as they were when selected.</summary>
    public readonly struct Selected(Labels labels, SeriesSnapshot snapshot)
    {
        public Labels Labels => labels;

        public SeriesSnapshot Snapshot => snapshot;
    }

    public bool MoveNext() => ++_index < selected.Count;

    public ISeries Current => this;

    public Labels Labels => selected[_index].Labels;

    public ISampleIterator Iterator(ISampleIterator? reuse) =>
        SeriesSampleIterator.Over(reuse, selected[_index].Snapshot, mint, maxt);
}
