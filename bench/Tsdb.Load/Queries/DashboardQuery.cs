namespace Tsdb.Load.Queries;

/// <summary>A query as a dashboard panel runs it, with a short name for tables.</summary>
public sealed record DashboardQuery(string Name, string Expression)
{
    /// <summary>The panels of a node and service overview: rates, sums by label, a latency quantile, an error ratio, a threshold.</summary>
    public static IReadOnlyList<DashboardQuery> Overview { get; } =
    [
        new("cpu by mode", "sum by (mode) (rate(node_cpu_seconds_total[5m]))"),
        new("requests by handler", "sum by (handler) (rate(http_requests_total[5m]))"),
        new("p90 latency", "histogram_quantile(0.9, sum by (le, handler) (rate(http_request_duration_seconds_bucket[5m])))"),
        new("error ratio", "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total[5m]))"),
        new("disk almost full", "node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.2"),
    ];
}
