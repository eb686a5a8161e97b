namespace Tsdb.Load.QueryCompare;

/// <summary>One query of the latency targets at one step, with a short name for tables.</summary>
public sealed record ComparedQuery(string Name, string Expression, TimeSpan Step)
{
    /// <summary>
    /// The three target queries at 15 s and 60 s steps, over the load tool's HTTP service series: 24 request
    /// counters and 4 twelve-bucket latency histograms per instance.
    /// </summary>
    public static IReadOnlyList<ComparedQuery> Targets { get; } =
    [
        .. new[] { 15, 60 }.SelectMany(step => new ComparedQuery[]
        {
            new("rate", "rate(http_requests_total[5m])", TimeSpan.FromSeconds(step)),
            new("sum by instance", "sum by (instance) (rate(http_requests_total[5m]))", TimeSpan.FromSeconds(step)),
            new("histogram_quantile", "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))", TimeSpan.FromSeconds(step)),
        }),
    ];

    public override string ToString() => $"{Name} @ {Step.TotalSeconds:0}s";
}
