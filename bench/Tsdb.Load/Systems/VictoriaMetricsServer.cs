using System.Text.Json;

namespace Tsdb.Load.Systems;

/// <summary>
/// Debian's single-node victoria-metrics. Its response cache is off (the other systems have none, and a
/// repeated range query would otherwise be answered from it) and its 30 s latency offset is zero (it hides
/// the newest samples from queries, which the count check needs).
/// </summary>
public sealed class VictoriaMetricsServer(int core) : SystemUnderTest(core)
{
    public override string Name => "VictoriaMetrics";

    public override Uri WriteUrl => new(BaseAddress, "api/v1/write");

    protected override string ReadyPath => "health";

    protected override (string Executable, IReadOnlyList<string> Arguments) Command() => ("/usr/bin/victoria-metrics",
    [
        $"-storageDataPath={DataDirectory}",
        $"-httpListenAddr=127.0.0.1:{Port}",
        "-retentionPeriod=15d",
        "-search.latencyOffset=0s",
        "-search.disableCache",
        "-loggerLevel=WARN",
        .. ScrapeConfigFile is null ? Array.Empty<string>() : [$"-promscrape.config={ScrapeConfigFile}"],
    ]);

    public override async Task FlushAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(BaseAddress, "internal/force_flush"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>After a flush, a snapshot holds every part (data and index) in its compressed form.</summary>
    public override async Task<PersistedSize> PersistedSizeAsync(HttpClient client, CancellationToken cancellationToken)
    {
        await FlushAsync(client, cancellationToken);
        using var response = await client.GetAsync(new Uri(BaseAddress, "snapshot/create"), cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"VictoriaMetrics snapshot failed: HTTP {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.GetProperty("status").GetString() != "ok") throw new InvalidOperationException($"VictoriaMetrics snapshot failed: {body}");
        string name = json.RootElement.GetProperty("snapshot").GetString()!;
        long bytes = await DiskUsage.ApparentBytesAsync(Path.Combine(DataDirectory, "snapshots", name), cancellationToken);
        return new PersistedSize(bytes, "snapshot (parts: data + index)");
    }
}
