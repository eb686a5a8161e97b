namespace Tsdb.Query.Engine;

/// <summary>One value of a series at a time (milliseconds since the epoch).</summary>
public readonly record struct Point(long T, double F);
