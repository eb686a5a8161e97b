namespace Tsdb.Load.Workload;

/// <summary>
/// One series of an instance, without the instance's own labels: the metric name, its other labels, how its
/// value moves and the level it starts at. <paramref name="Group"/> ties together series whose values must
/// move together (the buckets, sum and count of one histogram).
/// </summary>
public sealed record SeriesTemplate(
    string Metric,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    MetricKind Kind,
    double Level,
    double BucketShare = 1,
    int Group = 0);
