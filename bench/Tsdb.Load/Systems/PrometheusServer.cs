using System.Text.Json;

namespace Tsdb.Load.Systems;

/// <summary>Debian's prometheus with an empty scrape configuration (or the given one), receiving remote write, admin API on for snapshots.</summary>
public sealed class PrometheusServer(int core) : SystemUnderTest(core)
{
    public override string Name => "Prometheus";

    public override Uri WriteUrl => new(BaseAddress, "api/v1/write");

    public override Task CollectGarbageAsync(HttpClient client, CancellationToken cancellationToken) =>
        GoHeap.CollectAsync(client, BaseAddress, cancellationToken);

    protected override string ReadyPath => "-/ready";

    protected override (string Executable, IReadOnlyList<string> Arguments) Command()
    {
        string config = ScrapeConfigFile ?? Path.Combine(WorkDirectory, "prometheus.yml");
        if (ScrapeConfigFile is null) File.WriteAllText(config, "global:\n  scrape_interval: 15s\n");
        return ("/usr/bin/prometheus",
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={DataDirectory}",
            $"--web.listen-address=127.0.0.1:{Port}",
            "--web.enable-remote-write-receiver",
            "--web.enable-admin-api",
            "--storage.tsdb.retention.time=15d",
            "--log.level=warn",
        ]);
    }

    /// <summary>A snapshot compacts the head into a block (chunks + index): the compressed form of what was ingested.</summary>
    public override async Task<PersistedSize> PersistedSizeAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(new Uri(BaseAddress, "api/v1/admin/tsdb/snapshot"), null, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Prometheus snapshot failed: HTTP {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        string name = json.RootElement.GetProperty("data").GetProperty("name").GetString()!;
        long bytes = await DiskUsage.ApparentBytesAsync(Path.Combine(DataDirectory, "snapshots", name), cancellationToken);
        return new PersistedSize(bytes, "snapshot (block: chunks + index)");
    }
}
