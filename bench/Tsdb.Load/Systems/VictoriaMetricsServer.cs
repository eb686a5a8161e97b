using System.Diagnostics;
using System.Globalization;
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

    public override Task CollectGarbageAsync(HttpClient client, CancellationToken cancellationToken) =>
        GoHeap.CollectAsync(client, BaseAddress, cancellationToken);

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

    /// <summary>/metrics refreshes the storage's gauges at most once a second.</summary>
    private static readonly TimeSpan MetricsRefresh = TimeSpan.FromSeconds(1.2);
    private static readonly TimeSpan MergeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Its buffered rows written out as parts, and the merges that sets off or that were under way finished.</summary>
    public override async Task FinishIngestAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var flushed = Stopwatch.StartNew();
        await FlushAsync(client, cancellationToken);
        await WaitForMergesAsync(client, flushed, "a flush after ingest", cancellationToken);
    }

    /// <summary>
    /// VictoriaMetrics merges the parts it flushes in the background, at moments that differ from run to run:
    /// measured a few seconds after ingest, two runs hold the same data in differently many parts, so queries
    /// read more or fewer of them and snapshots differ by a tenth. A forced merge of every partition
    /// (<c>/internal/force_merge</c>) brings each to the single part background merging tends to; this waits
    /// until /metrics shows neither it nor any background merge active.
    /// </summary>
    public override async Task SettleAsync(HttpClient client, CancellationToken cancellationToken)
    {
        await FlushAsync(client, cancellationToken);
        var requested = Stopwatch.StartNew();
        using (var response = await client.GetAsync(new Uri(BaseAddress, "internal/force_merge"), cancellationToken)) response.EnsureSuccessStatusCode();
        await WaitForMergesAsync(client, requested, "a forced merge", cancellationToken);
    }

    /// <summary>
    /// Polls /metrics until no merge is active. Merges run on goroutines of their own: a reading only counts once the
    /// gauges were refreshed after <paramref name="since"/> started, when the request that may have set them off was sent.
    /// </summary>
    private async Task WaitForMergesAsync(HttpClient client, Stopwatch since, string after, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(200, cancellationToken);
            if (since.Elapsed < MetricsRefresh) continue;
            string metrics = await client.GetStringAsync(new Uri(BaseAddress, "metrics"), cancellationToken);
            if (ActiveMerges(metrics) == 0) return;
            if (since.Elapsed > MergeTimeout) throw new TimeoutException($"VictoriaMetrics still merging {MergeTimeout.TotalMinutes} min after {after}");
        }
    }

    /// <summary>Forced and background merges in progress, from VictoriaMetrics's /metrics text.</summary>
    public static long ActiveMerges(string metrics) => metrics.Split('\n')
        .Where(line => line.StartsWith("vm_active_force_merges ", StringComparison.Ordinal) || line.StartsWith("vm_active_merges{", StringComparison.Ordinal))
        .Sum(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

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
