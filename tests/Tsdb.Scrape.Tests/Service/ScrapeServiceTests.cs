using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Scrape.Parsing;
using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Service;
using Tsdb.Scrape.Targets;
using Tsdb.Scrape.Tests.Scraping;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Service;

/// <summary>Configuration files applied and reloaded: discovery, relabeling and loops working together.</summary>
public sealed class ScrapeServiceTests : IAsyncLifetime
{
    private const string Page = """
        # HELP requests_total Requests served.
        # TYPE requests_total counter
        requests_total{code="200"} 7
        # HELP temperature_celsius Room temperature.
        # TYPE temperature_celsius gauge
        temperature_celsius 21.5
        debug_only 1

        """;

    private readonly Head _head = Head.Open(new HeadOptions());
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("scrape-service-");
    private TestExporter _exporter = null!;
    private ScrapeService _service = null!;

    private string Address => _exporter.BaseAddress.Authority;

    public async Task InitializeAsync()
    {
        _exporter = await TestExporter.StartAsync();
        _exporter.Serve(Page);
        _service = new ScrapeService(_head, NullLogger.Instance);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _exporter.DisposeAsync();
        _head.Dispose();
        _directory.Delete(recursive: true);
    }

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A job scraping the test exporter every 100 ms; <paramref name="extra"/> is indented YAML added to it.</summary>
    private string Job(string name, string extra = "") => $"""
          - job_name: {name}
            scrape_interval: 100ms
            scrape_timeout: 100ms
            static_configs:
              - targets: ["{Address}"]
                labels: {"{"}env: prod{"}"}
        {extra}
        """;

    private string WriteConfig(params string[] jobs) => WriteFile("prometheus.yml", "scrape_configs:\n" + string.Join("\n", jobs));

    private async Task<ReloadResult> Load(string path)
    {
        var result = await _service.ReloadAsync(path);
        Assert.True(result.Succeeded, result.Error);
        return result;
    }

    private ScrapeLoop LoopOf(string job) => Assert.Single(_service.Loops, l => l.Target.JobName == job);

    /// <summary>
    /// Two scrapes that succeeded: with a 100 ms timeout a scrape on a busy machine can fail, and a failed
    /// scrape changes neither samples nor metadata.
    /// </summary>
    private Task ScrapedTwice(string job) =>
        StoredSamples.WaitUntil(() => _service.Loops.Any(l => l.Target.JobName == job && l.Counters.Scrapes - l.Counters.Failures >= 2),
            $"job {job} was scraped successfully twice");

    [Fact]
    public async Task StaticAndFileTargetsBecomeLoopsWithTheirLabels()
    {
        WriteFile("targets.json", $$$"""[{"targets": ["{{{Address}}}"], "labels": {"team": "db", "__meta_owner": "ops"}}]""");
        await Load(WriteConfig(
            Job("static", """
                    relabel_configs:
                      - target_label: zone
                        replacement: eu
                    metric_relabel_configs:
                      - source_labels: [__name__]
                        regex: debug_.*
                        action: drop
                """),
            $"""
              - job_name: files
                scrape_interval: 100ms
                scrape_timeout: 100ms
                file_sd_configs:
                  - files: ["{_directory.FullName}/*.json"]
                relabel_configs:
                  - source_labels: [__meta_owner]
                    target_label: owner
            """));

        Assert.Equal(
            Labels.FromPairs("env", "prod", "instance", Address, "job", "static", "zone", "eu"),
            LoopOf("static").Target.Labels);
        var files = LoopOf("files").Target;
        Assert.Equal(Labels.FromPairs("instance", Address, "job", "files", "owner", "ops", "team", "db"), files.Labels);
        Assert.Equal(Path.Combine(_directory.FullName, "targets.json"), files.DiscoveredLabels.Get("__meta_filepath"));
        Assert.Equal(new Uri($"http://{Address}/metrics"), files.Url);
        Assert.Equal(TimeSpan.FromMilliseconds(100), files.Interval);

        await ScrapedTwice("static");
        await ScrapedTwice("files");
        Assert.NotEmpty(StoredSamples.Of(_head, "__name__", "temperature_celsius", "job", "static", "zone", "eu", "env", "prod", "instance", Address));
        Assert.NotEmpty(StoredSamples.Of(_head, "__name__", "debug_only", "job", "files"));
        Assert.Empty(StoredSamples.Series(_head, "__name__", "debug_only", "job", "static"));
        Assert.All(_service.ActiveTargets(), s => Assert.Equal(TargetHealth.Up, s.Health));
    }

    [Fact]
    public async Task TargetsRelabeledAwayAreListedAsDroppedWithTheirDiscoveredLabels()
    {
        await Load(WriteConfig($"""
              - job_name: picky
                scrape_interval: 100ms
                scrape_timeout: 100ms
                static_configs:
                  - targets: ["{Address}", "keep-out.example:9100"]
                relabel_configs:
                  - source_labels: [__address__]
                    regex: keep-out.*
                    action: drop
            """));

        Assert.Equal(Address, LoopOf("picky").Target.Labels.Get("instance"));
        var dropped = Assert.Single(_service.DroppedTargets());
        Assert.Equal("picky", dropped.JobName);
        Assert.Equal(Labels.FromPairs(
            "__address__", "keep-out.example:9100", "__metrics_path__", "/metrics", "__scheme__", "http",
            "__scrape_interval__", "100ms", "__scrape_timeout__", "100ms", "job", "picky"), dropped.DiscoveredLabels);
    }

    [Fact]
    public async Task BadReloadKeepsTheOldTargetsRunningAndReportsTheError()
    {
        var good = WriteConfig(Job("steady"));
        await Load(good);
        var loop = LoopOf("steady");
        var loadedAt = _service.ReloadStatus.LastSuccess;
        Assert.True(_service.ReloadStatus.Successful);
        Assert.NotNull(loadedAt);

        var bad = WriteFile("bad.yml", "scrape_configs:\n  - job_name: broken\n    scrape_interval: often\n");
        var result = await _service.ReloadAsync(bad);

        Assert.False(result.Succeeded);
        Assert.StartsWith("bad.yml:3:", result.Error);
        Assert.Contains("scrape_interval", result.Error);
        Assert.Equal(new ConfigReloadStatus(false, loadedAt, result.Error), _service.ReloadStatus);
        Assert.Same(loop, LoopOf("steady"));
        long before = loop.Counters.Scrapes;
        await StoredSamples.WaitUntil(() => loop.Counters.Scrapes >= before + 2, "the old target is still scraped");

        var missing = await _service.ReloadAsync(Path.Combine(_directory.FullName, "missing.yml"));
        Assert.False(missing.Succeeded);
        Assert.Contains("missing.yml", missing.Error);
        Assert.Same(loop, LoopOf("steady"));
    }

    [Fact]
    public async Task ReloadStartsNewJobsAndStopsRemovedOnesWithStaleMarkers()
    {
        await Load(WriteConfig(Job("old")));
        await ScrapedTwice("old");

        await Load(WriteConfig(Job("new")));

        Assert.DoesNotContain(_service.Loops, l => l.Target.JobName == "old");
        await ScrapedTwice("new");
        await StoredSamples.WaitUntil(
            () => StoredSamples.Of(_head, "__name__", "temperature_celsius", "job", "old") is [.., var last] && IsStale(last.Value),
            "the removed job's series were marked stale");
        Assert.Equal(["new"], _service.ActiveTargets().Select(t => t.Target.JobName));
    }

    [Fact]
    public async Task UnchangedTargetsKeepTheirLoopAcrossReloads()
    {
        const string metricRelabel = """
                metric_relabel_configs:
                  - source_labels: [__name__]
                    regex: debug_.*
                    action: drop
            """;
        var path = WriteConfig(Job("kept", metricRelabel), Job("changed"));
        await Load(path);
        var kept = LoopOf("kept");
        var changed = LoopOf("changed");

        WriteConfig(Job("kept", metricRelabel), Job("changed", "    honor_labels: true"), Job("added"));
        await Load(path);

        Assert.Same(kept, LoopOf("kept"));
        Assert.NotSame(changed, LoopOf("changed"));
        Assert.True(LoopOf("changed").Target.HonorLabels);
        Assert.Equal(3, _service.Loops.Count);
        await ScrapedTwice("added");
    }

    [Fact]
    public async Task MetadataIsAggregatedPerMetricName()
    {
        await Load(WriteConfig(Job("a"), Job("b")));
        await ScrapedTwice("a");
        await ScrapedTwice("b");

        var metadata = _service.MetricMetadata();
        Assert.Equal(new MetricMetadata(MetricType.Counter, "Requests served.", ""), Assert.Single(metadata["requests_total"]));
        Assert.Equal(new MetricMetadata(MetricType.Gauge, "Room temperature.", ""), Assert.Single(metadata["temperature_celsius"]));
        Assert.False(metadata.ContainsKey("debug_only"));

        // A family that leaves the page is forgotten after the next successful scrape; changed text replaces the old.
        _exporter.Serve("# TYPE temperature_celsius gauge\n# UNIT temperature_celsius celsius\n# HELP temperature_celsius Now measured.\n" +
                        "temperature_celsius 20\n# EOF\n", TestExporter.OpenMetricsFormat);
        var expected = new MetricMetadata(MetricType.Gauge, "Now measured.", "celsius");
        await StoredSamples.WaitUntil(() => _service.MetricMetadata() is var now && !now.ContainsKey("requests_total") &&
                                            now["temperature_celsius"] is [var only] && only == expected,
            "both targets' metadata follows the new page");
    }

    [Fact]
    public async Task ExternalLabelsAreKeptButNotAddedToSamples()
    {
        await Load(WriteFile("prometheus.yml", "global:\n  external_labels: {cluster: eu1}\nscrape_configs:\n" + Job("ext")));
        await ScrapedTwice("ext");

        Assert.Equal(Labels.FromPairs("cluster", "eu1"), _service.ExternalLabels);
        Assert.Empty(StoredSamples.Series(_head, "cluster", "eu1"));
    }

    private static bool IsStale(double value) => BitConverter.DoubleToUInt64Bits(value) == 0x7ff0000000000002UL;
}
