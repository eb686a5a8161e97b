using Tsdb.Scrape.Relabeling;

namespace Tsdb.Scrape.Configuration;

/// <summary>The <c>alerting</c> block.</summary>
public sealed record AlertingConfig
{
    public IReadOnlyList<RelabelConfig> AlertRelabelConfigs { get; init; } = [];
    public IReadOnlyList<AlertmanagerConfig> Alertmanagers { get; init; } = [];
}

public sealed record AlertmanagerConfig
{
    public string Scheme { get; init; } = "http";
    public string PathPrefix { get; init; } = "";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public string ApiVersion { get; init; } = "v2";
    public IReadOnlyList<StaticConfig> StaticConfigs { get; init; } = [];
    public IReadOnlyList<FileSdConfig> FileSdConfigs { get; init; } = [];
    public IReadOnlyList<RelabelConfig> RelabelConfigs { get; init; } = [];
    public HttpClientConfig HttpClient { get; init; } = new();
}
