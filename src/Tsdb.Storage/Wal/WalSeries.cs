namespace Tsdb.Storage.Wal;

/// <summary>One series of a series record: the reference the head gave it and its labels.</summary>
public readonly record struct WalSeries(SeriesRef Ref, Labels Labels);
