namespace Tsdb.Storage;

/// <summary>
/// One sample of a series: its time in milliseconds since the epoch and its value. Iterators decode batches
/// straight into arrays of these, which the query engine then reads in place.
/// </summary>
public readonly record struct Point(long T, double F);
