using Tsdb.Scrape.Relabeling;

namespace Tsdb.Scrape.Configuration;

/// <summary>One entry of <c>remote_write</c>.</summary>
public sealed record RemoteWriteConfig
{
    public static readonly TimeSpan DefaultRemoteTimeout = TimeSpan.FromSeconds(30);

    public required Uri Url { get; init; }
    public TimeSpan RemoteTimeout { get; init; } = DefaultRemoteTimeout;
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<RelabelConfig> WriteRelabelConfigs { get; init; } = [];
    public string Name { get; init; } = "";
    public bool SendExemplars { get; init; }
    public HttpClientConfig HttpClient { get; init; } = new();
    public QueueConfig Queue { get; init; } = new();
    public MetadataConfig Metadata { get; init; } = new();
}

/// <summary>Sharding and batching of a remote_write queue; defaults are Prometheus 2.42's.</summary>
public sealed record QueueConfig
{
    public int Capacity { get; init; } = 2500;
    public int MaxShards { get; init; } = 200;
    public int MinShards { get; init; } = 1;
    public int MaxSamplesPerSend { get; init; } = 500;
    public TimeSpan BatchSendDeadline { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(30);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);
    public bool RetryOnHttp429 { get; init; }
}

public sealed record MetadataConfig
{
    public bool Send { get; init; } = true;
    public TimeSpan SendInterval { get; init; } = TimeSpan.FromMinutes(1);
    public int MaxSamplesPerSend { get; init; } = 500;
}
