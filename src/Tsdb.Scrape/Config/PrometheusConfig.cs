namespace Tsdb.Scrape.Configuration;

/// <summary>A loaded and validated <c>prometheus.yml</c>; every file path in it is absolute.</summary>
public sealed record PrometheusConfig
{
    public GlobalConfig Global { get; init; } = new();
    public IReadOnlyList<string> RuleFiles { get; init; } = [];
    public IReadOnlyList<ScrapeConfig> ScrapeConfigs { get; init; } = [];
    public IReadOnlyList<RemoteWriteConfig> RemoteWrite { get; init; } = [];
    public AlertingConfig Alerting { get; init; } = new();
}
