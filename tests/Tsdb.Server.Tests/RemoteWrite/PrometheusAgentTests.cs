using Tsdb.Server.Tests.Oracle;
using Tsdb.Server.Tests.Scrape;
using static Tsdb.Server.Tests.RemoteWrite.SentVersusStored;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>
/// The real client: Prometheus 2.42 in agent mode scrapes the real node exporter and remote-writes to a
/// server started in-process; every sample it reports sent must be answered by our query API.
/// </summary>
public sealed class PrometheusAgentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tsdb-rw-agent-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task EverySampleTheAgentSentIsQueryable()
    {
        await using var server = await TsdbServer.StartAsync(ServerOptions.Parse(
        [
            $"--storage.tsdb.path={Path.Combine(_directory, "tsdb")}", "--web.listen-address=127.0.0.1:0", "--web.enable-remote-write-receiver",
        ]));
        using var exporter = await NodeExporterProcess.StartAsync();

        var config = Path.Combine(_directory, "agent.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ["{exporter.Target}"]
            remote_write:
              - url: {server.Address}api/v1/write
                queue_config:
                  batch_send_deadline: 1s
                  max_samples_per_send: 5000
            """);
        int agentPort = FreePort.Next();
        using var agent = new ChildProcess(PrometheusOracle.Binary,
        [
            "--enable-feature=agent", $"--config.file={config}", $"--storage.agent.path={Path.Combine(_directory, "agent")}",
            $"--web.listen-address=127.0.0.1:{agentPort}",
        ]);

        var agentMetrics = $"http://127.0.0.1:{agentPort}/metrics";
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };

        // samples_total counts a batch as it goes out, before we answer: the counts must meet at a moment
        // when the agent sends nothing, and we may never hold less than it had said once it has stopped sending.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        (double Sent, long Stored) last = (0, 0);
        HashSet<string> names = [];
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            if (agent.HasExited) Assert.Fail($"agent exited:\n{agent.Output}");
            var before = await SentSamplesAsync(agentMetrics);
            if (before is not { } sent || sent == 0) continue;
            long stored = await CountSamplesAsync(http, "{job=\"node\"}");
            names = await SeriesNamesAsync(http, "{job=\"node\"}");
            if (await SentSamplesAsync(agentMetrics) != before) continue;
            last = (sent, stored);
            if (stored == sent && names.Contains("node_cpu_seconds_total")) break;
        }
        Assert.True(names.Contains("node_cpu_seconds_total"),
            $"no node_* series after 45 s; agent said:\n{agent.Output}\nexporter said:\n{exporter.Output}");
        Assert.Contains("up", names);
        Assert.True(last.Stored == last.Sent, $"the agent sent {last.Sent} samples, the query API answers {last.Stored}");
    }

    /// <summary>Samples the agent has sent (or is sending) to us, or null while it is not up yet.</summary>
    private static async Task<double?> SentSamplesAsync(string url)
    {
        var text = await TryGetExpositionAsync(url);
        if (text is null) return null;
        Assert.Equal(0, Sum(text, "prometheus_remote_storage_samples_failed_total"));
        Assert.Equal(0, Sum(text, "prometheus_remote_storage_samples_dropped_total"));
        return Sum(text, "prometheus_remote_storage_samples_total");
    }
}
