using System.Diagnostics;
using Tsdb.Query.Engine;
using Tsdb.Scrape.Configuration;
using Tsdb.Scrape.Targets;
using Tsdb.Server.Scrape;
using Tsdb.Server.Tests.Oracle;
using Tsdb.Storage;

namespace Tsdb.Server.Tests.Scrape;

/// <summary>
/// The whole server scraping real exporters from a configuration file: the Debian node exporter, a test
/// exporter whose series change, and a port nobody listens on; answers read with PromQL at "now".
/// </summary>
public sealed class ScrapeEndToEndTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tsdb-scrape-e2e-");
    private readonly PromQLEngine _engine = new(new EngineOptions());
    private NodeExporterProcess _node = null!;
    private PageExporter _app = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeExporterProcess.StartAsync();
        _app = await PageExporter.StartAsync("app_items{kind=\"a\"} 1\napp_items{kind=\"b\"} 2\n");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _node.Dispose();
        _directory.Delete(recursive: true);
    }

    private string ConfigPath => Path.Combine(_directory.FullName, "prometheus.yml");

    private void WriteConfig(params (string Job, string Target)[] jobs)
    {
        var text = "global:\n  scrape_interval: 500ms\n  scrape_timeout: 400ms\nscrape_configs:\n" + string.Concat(jobs.Select(j =>
            $"  - job_name: {j.Job}\n    static_configs:\n      - targets: [\"{j.Target}\"]\n"));
        File.WriteAllText(ConfigPath, text);
    }

    private Task<TsdbServer> Start() => TsdbServer.StartAsync(new ServerOptions
    {
        ConfigFile = ConfigPath,
        StoragePath = Path.Combine(_directory.FullName, "data"),
        ListenAddress = "127.0.0.1:0",
    });

    /// <summary>An instant query at the current time, as job → value (the query's series all have a job).</summary>
    private Dictionary<string, double> ByJob(TsdbServer server, string query) =>
        Query(server, query).ToDictionary(s => s.Metric.Get("job"), s => s.F);

    private List<Sample> Query(TsdbServer server, string query)
    {
        var result = _engine.Instant(server.Head, query, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        return ((Vector)result.Value).Samples;
    }

    private static async Task Eventually(Func<bool> condition, Func<string> what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out after {seconds}s: {what()}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ScrapesRealAndTestExportersAndFollowsVanishingSeriesAndReloads()
    {
        var dead = $"127.0.0.1:{FreePort.Next()}";
        WriteConfig(("node", _node.Target), ("app", _app.Target), ("dead", dead));
        await using var server = await Start();

        var expectedUp = new Dictionary<string, double> { ["node"] = 1, ["app"] = 1, ["dead"] = 0 };
        await Eventually(() => ByJob(server, "up").Count == 3, () => $"up = {string.Join(", ", ByJob(server, "up"))}");
        Assert.Equal(expectedUp, ByJob(server, "up"));
        var deadStatus = Assert.Single(server.Scraping.ActiveTargets(), t => t.Target.JobName == "dead");
        Assert.Equal(TargetHealth.Down, deadStatus.Health);
        Assert.NotEmpty(deadStatus.LastError);

        Assert.Contains(Query(server, "node_exporter_build_info"), s => s.Metric.Get("instance") == _node.Target && s.Metric.Get("job") == "node");
        Assert.True(Query(server, "count(node_cpu_seconds_total)") is [{ F: > 0 }]);
        Assert.Equal(["a", "b"], Query(server, "app_items").Select(s => s.Metric.Get("kind")).Order());

        // The vanished series gets a staleness marker on the next scrape, so "now" no longer sees it.
        _app.Serve("app_items{kind=\"a\"} 3\n");
        await Eventually(() => Query(server, "app_items") is [var only] && only.Metric.Get("kind") == "a" && only.F == 3,
            () => $"app_items = {string.Join(", ", Query(server, "app_items").Select(s => $"{s.Metric} {s.F}"))}");

        // SIGHUP reloads: the dead job goes (its up series is marked stale), the others keep their loops.
        var nodeLoop = server.Scraping.Loops.Single(l => l.Target.JobName == "node");
        WriteConfig(("node", _node.Target), ("app", _app.Target));
        using (var kill = Process.Start("kill", ["-HUP", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await Eventually(() => !ByJob(server, "up").ContainsKey("dead"), () => $"up = {string.Join(", ", ByJob(server, "up"))}");
        Assert.Same(nodeLoop, server.Scraping.Loops.Single(l => l.Target.JobName == "node"));
        Assert.Equal(["app", "node"], server.Scraping.ActiveTargets().Select(t => t.Target.JobName));
        Assert.True(server.Scraping.ReloadStatus.Successful);
    }

    [Fact]
    public async Task ReloadWithABadFileKeepsScrapingAndNamesTheError()
    {
        WriteConfig(("app", _app.Target));
        await using var server = await Start();
        await Eventually(() => ByJob(server, "up").ContainsKey("app"), () => "app is scraped");
        var loop = Assert.Single(server.Scraping.Loops);

        File.WriteAllText(ConfigPath, "scrape_configs:\n  - job_name: app\n    scrape_timeout: soon\n");
        var (ok, error) = await server.ReloadAsync();

        Assert.False(ok);
        Assert.StartsWith("prometheus.yml:3:", error);
        Assert.Contains("scrape_timeout", error);
        Assert.False(server.Scraping.ReloadStatus.Successful);
        Assert.Same(loop, Assert.Single(server.Scraping.Loops));
        using var http = new HttpClient { BaseAddress = server.Address };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("\nprometheus_config_last_reload_successful 0\n", metrics);
    }

    [Fact]
    public async Task ABadFileStopsStartUpWithFileLineAndField()
    {
        File.WriteAllText(ConfigPath, "global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: x\n    sample_limit: many\n");

        var error = await Assert.ThrowsAsync<ConfigException>(Start);

        Assert.StartsWith("prometheus.yml:5:", error.Message);
        Assert.Contains("sample_limit", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_directory.FullName, "data")));
    }

    [Fact]
    public void WithoutAFileTheServerScrapesItself()
    {
        var config = ScrapeConfiguration.BuiltInDefault(new Uri("http://0.0.0.0:9090")).Config;

        var job = Assert.Single(config.ScrapeConfigs);
        Assert.Equal("prometheus", job.JobName);
        Assert.Equal(TimeSpan.FromSeconds(15), job.ScrapeInterval);
        Assert.Equal(["localhost:9090"], Assert.Single(job.StaticConfigs).Targets);
        Assert.Equal("127.0.0.1:41234", ScrapeConfiguration.SelfTarget(new Uri("http://127.0.0.1:41234")));
    }
}
