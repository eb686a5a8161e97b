namespace Tsdb.Load.Queries;

/// <summary>One dashboard query's latency over its repetitions, and how many series it answered with.</summary>
public sealed record QueryLatency(DashboardQuery Query, int Series, TimeSpan Median, TimeSpan P90, int Repetitions);
