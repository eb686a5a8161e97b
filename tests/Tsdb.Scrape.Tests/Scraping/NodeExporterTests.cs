using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>Scrapes a real prometheus-node-exporter process started for the test.</summary>
public sealed class NodeExporterTests : IAsyncLifetime
{
    private const string Binary = "/usr/bin/prometheus-node-exporter";

    private readonly Head _head = Head.Open(new HeadOptions());
    private Process? _process;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Binary),
            $"{Binary} is missing: install the Debian package prometheus-node-exporter to run this test");
        int port = FreePort();
        _process = Process.Start(new ProcessStartInfo(Binary, $"--web.listen-address=127.0.0.1:{port}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        _url = new Uri($"http://127.0.0.1:{port}/metrics");
        await StoredSamples.WaitUntil(() => Accepts(port), $"node exporter listens on port {port}");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        _head.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ScrapesNodeExporterRepeatedly()
    {
        var target = TestTargets.For(_url, job: "node", intervalMilliseconds: 300, timeoutMilliseconds: 3000);
        await using var manager = new ScrapeManager(_head);
        await manager.SyncAsync([target]);
        var loop = Assert.Single(manager.Loops);
        await StoredSamples.WaitUntil(() => loop.Counters.Scrapes >= 3, "three scrapes of node exporter", 15_000);

        var status = loop.Status;
        Assert.True(status.Health == TargetHealth.Up, $"node exporter scrape failed: {status.LastError}");
        var up = StoredSamples.Of(_head, "__name__", "up", "job", "node");
        Assert.True(up.Count >= 3);
        Assert.All(up, sample => Assert.Equal(1.0, sample.Value));

        var cpu = StoredSamples.Series(_head, "__name__", "node_cpu_seconds_total", "job", "node");
        Assert.NotEmpty(cpu);
        Assert.All(cpu, series => Assert.Equal("exporter:1", series.Labels.Get("instance")));
        Assert.Single(StoredSamples.Series(_head, "__name__", "node_exporter_build_info"));
        using var querier = _head.Querier(long.MinValue, long.MaxValue);
        var names = querier.LabelValues("__name__", Matcher.Equal("job", "node"));
        Assert.True(names.Count(n => n.StartsWith("node_", StringComparison.Ordinal)) > 50, $"only {names.Count} metric names");
        Assert.Equal(0, loop.Counters.Failures);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
