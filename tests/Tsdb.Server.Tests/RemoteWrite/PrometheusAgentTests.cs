using Tsdb.Server.Tests.Oracle;
using Tsdb.Storage;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>
/// The real client: Prometheus 2.42 in agent mode scrapes the real node exporter and remote-writes to a
/// server started in-process, until node_* series arrive.
/// </summary>
public sealed class PrometheusAgentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tsdb-rw-agent-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task NodeExporterSeriesArriveThroughAnAgent()
    {
        await using var server = await TsdbServer.StartAsync(ServerOptions.Parse(
        [
            $"--storage.tsdb.path={Path.Combine(_directory, "tsdb")}", "--web.listen-address=127.0.0.1:0", "--web.enable-remote-write-receiver",
        ]));
        int exporterPort = FreePort.Next();
        using var exporter = new ChildProcess("/usr/bin/prometheus-node-exporter", [$"--web.listen-address=127.0.0.1:{exporterPort}"]);

        var config = Path.Combine(_directory, "agent.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ["127.0.0.1:{exporterPort}"]
            remote_write:
              - url: {server.Address}api/v1/write
                queue_config:
                  batch_send_deadline: 1s
            """);
        using var agent = new ChildProcess(PrometheusOracle.Binary,
        [
            "--enable-feature=agent", $"--config.file={config}", $"--storage.agent.path={Path.Combine(_directory, "agent")}",
            $"--web.listen-address=127.0.0.1:{FreePort.Next()}",
        ]);

        var deadline = DateTime.UtcNow.AddSeconds(45);
        IReadOnlyList<string> names = [];
        while (DateTime.UtcNow < deadline)
        {
            using (var querier = server.Head.Querier(long.MinValue, long.MaxValue))
                names = querier.LabelValues(Labels.MetricName, Matcher.Equal("job", "node"));
            if (names.Contains("up") && names.Contains("node_cpu_seconds_total")) break;
            if (agent.HasExited) Assert.Fail($"agent exited:\n{agent.Output}");
            await Task.Delay(250);
        }
        Assert.True(names.Contains("node_cpu_seconds_total"),
            $"no node_* series after 45 s; agent said:\n{agent.Output}\nexporter said:\n{exporter.Output}");
        Assert.Contains("up", names);
    }
}
