using Tsdb.Server.Tests.Api;
using Tsdb.Server.Tests.Oracle;
using Tsdb.Server.Tests.Scrape;
using static Tsdb.Server.Tests.RemoteWrite.SentVersusStored;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>
/// Another real client: VictoriaMetrics' vmagent scrapes the real node exporter every second and remote-writes
/// to a server started in-process; everything it reports sent must be answered by our query API.
/// </summary>
public sealed class VmAgentTests : IDisposable
{
    private const string Binary = "/usr/bin/vmagent";

    private readonly string _directory = Directory.CreateTempSubdirectory("tsdb-rw-vmagent-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task EverySampleVmAgentSentIsQueryable()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install the Debian package victoria-metrics");
        await using var server = await ApiTestServer.StartAsync("scrape_configs: []\n");
        using var exporter = await NodeExporterProcess.StartAsync();

        var config = Path.Combine(_directory, "scrape.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ["{exporter.Target}"]
            """);
        int agentPort = FreePort.Next();
        using var agent = new ChildProcess(Binary,
        [
            $"-promscrape.config={config}", $"-remoteWrite.url={server.Server.Address}api/v1/write",
            $"-remoteWrite.tmpDataPath={Path.Combine(_directory, "queue")}", $"-httpListenAddr=127.0.0.1:{agentPort}",
            // Stale markers are sent but never returned by a range query, so they would spoil an exact count.
            "-promscrape.noStaleMarkers",
        ]);
        var agentMetrics = $"http://127.0.0.1:{agentPort}/metrics";

        // blocks_sent moves only once we have answered, so we may hold more than it says but never less;
        // the counts must meet at a moment when vmagent sends nothing.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        (double Sent, long Stored) last = (0, 0);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            if (agent.HasExited) Assert.Fail($"vmagent exited:\n{agent.Output}");
            var before = await SentRowsAsync(agentMetrics, agent);
            if (before is not { } sent || sent.Blocks < 3) continue;
            long stored = await CountSamplesAsync(server.Http, "{job=\"node\"}");
            Assert.True(stored >= sent.Rows, $"vmagent sent {sent.Rows} samples in {sent.Blocks} requests, the query API answers {stored}");
            last = (sent.Rows, stored);
            if (stored == sent.Rows) break;
        }
        Assert.True(last.Stored == last.Sent, $"vmagent sent {last.Sent} samples, the query API answers {last.Stored}:\n{agent.Output}");

        var exposed = MetricNames((await TryGetExpositionAsync($"http://{exporter.Target}/metrics"))!);
        var storedNames = await SeriesNamesAsync(server.Http, "{job=\"node\"}");
        Assert.Equal(exposed.Where(n => n.StartsWith("node_")).Order(), storedNames.Where(n => n.StartsWith("node_")).Order());
        Assert.Contains("up", storedNames);
        Assert.Contains("scrape_samples_scraped", storedNames);
    }

    /// <summary>
    /// Rows vmagent has delivered: each block it builds is counted in block_size_rows, and counted in
    /// blocks_sent once the receiver accepted it; when the two counts agree every built row was delivered.
    /// Null while vmagent is not up yet or a block is still on its way.
    /// </summary>
    private static async Task<(double Rows, double Blocks)?> SentRowsAsync(string url, ChildProcess agent)
    {
        var text = await TryGetExpositionAsync(url);
        if (text is null) return null;
        Assert.True(Sum(text, "vmagent_remotewrite_packets_dropped_total") == 0, $"vmagent dropped data:\n{agent.Output}");
        Assert.True(Sum(text, "vmagent_remotewrite_errors_total") == 0, $"vmagent failed to send:\n{agent.Output}");
        double built = Sum(text, "vmagent_remotewrite_block_size_rows_count");
        double sent = Sum(text, "vmagent_remotewrite_blocks_sent_total");
        return built == sent ? (Sum(text, "vmagent_remotewrite_block_size_rows_sum"), sent) : null;
    }
}
