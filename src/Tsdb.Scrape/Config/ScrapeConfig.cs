using Tsdb.Scrape.Relabeling;

namespace Tsdb.Scrape.Configuration;

/// <summary>One entry of <c>scrape_configs</c>, with the global defaults already applied.</summary>
public sealed record ScrapeConfig
{
    public const string DefaultMetricsPath = "/metrics";
    public const string DefaultScheme = "http";

    public required string JobName { get; init; }
    public TimeSpan ScrapeInterval { get; init; }
    public TimeSpan ScrapeTimeout { get; init; }
    public string MetricsPath { get; init; } = DefaultMetricsPath;
    public string Scheme { get; init; } = DefaultScheme;

    /// <summary>URL query parameters; the first value of each also becomes a <c>__param_&lt;name&gt;</c> label.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Params { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public bool HonorLabels { get; init; }
    public bool HonorTimestamps { get; init; } = true;
    public IReadOnlyList<StaticConfig> StaticConfigs { get; init; } = [];
    public IReadOnlyList<FileSdConfig> FileSdConfigs { get; init; } = [];
    public IReadOnlyList<RelabelConfig> RelabelConfigs { get; init; } = [];
    public IReadOnlyList<RelabelConfig> MetricRelabelConfigs { get; init; } = [];

    /// <summary>Limits; 0 means no limit, as in Prometheus.</summary>
    public long SampleLimit { get; init; }
    public long TargetLimit { get; init; }
    public long LabelLimit { get; init; }
    public long LabelNameLengthLimit { get; init; }
    public long LabelValueLengthLimit { get; init; }
    public long BodySizeLimitBytes { get; init; }

    public HttpClientConfig HttpClient { get; init; } = new();
}
