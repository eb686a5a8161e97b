using System.Text.Json;
using Tsdb.Server.Tests.Oracle;
using Tsdb.Storage;

namespace Tsdb.Server.Tests.Scrape;

/// <summary>
/// The same prometheus.yml, with target and metric relabeling rules covering every action, run by the real
/// Prometheus 2.42 and by this server against the same exporters: the stored series and the targets API
/// labels must be the same.
/// </summary>
public sealed class RelabelDifferentialTests : IAsyncLifetime
{
    private const string Page = """
        items{kind="a",ext_zone="eu"} 1
        items{kind="b",ext_zone="us"} 2
        gauge_temp{sensor="s1",a="x",b="x"} 20
        gauge_temp{sensor="s2",a="x",b="y"} 21
        counter_total{path="/Home"} 5
        drop_me_total 9
        other_metric 3

        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tsdb-relabel-diff-");
    private PageExporter _first = null!;
    private PageExporter _second = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(PrometheusOracle.Binary), $"{PrometheusOracle.Binary} is missing: install the Debian package prometheus");
        _first = await PageExporter.StartAsync(Page);
        _second = await PageExporter.StartAsync(Page);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Prometheus may still be closing its files; the temporary directory goes with the OS's cleanup.
        }
    }

    private string Config() => $$"""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: relabel
            params:
              module: [basic]
            static_configs:
              - targets: ["{{_first.Target}}", "{{_second.Target}}"]
                labels: {env: Prod, team: db, tier: "2", twin: Prod}
              - targets: ["{{_first.Target}}"]
                labels: {env: Test, team: web, tier: "3", twin: Test}
              - targets: ["{{_second.Target}}"]
                labels: {env: Dev, team: web, tier: "2", twin: other}
            relabel_configs:
              - source_labels: [tier]
                regex: "3"
                action: drop
              - source_labels: [twin]
                target_label: env
                action: keepequal
              - source_labels: [env]
                target_label: env_lower
                action: lowercase
              - source_labels: [team]
                target_label: team_upper
                action: uppercase
              - source_labels: [__address__]
                regex: "(.*):(\\d+)"
                target_label: port
                replacement: "p$2"
              - source_labels: [env, team]
                separator: "-"
                target_label: combo
              - source_labels: [__address__]
                modulus: 8
                target_label: shard
                action: hashmod
              - regex: "te(.*)"
                replacement: "copied_te$1"
                action: labelmap
              - source_labels: [team]
                regex: "(d)(b)"
                target_label: "dyn_$2"
                replacement: "$1"
              - regex: "tier|twin"
                action: labeldrop
              - source_labels: [__address__]
                target_label: __param_target
              - source_labels: [env]
                regex: "Prod"
                action: keep
            metric_relabel_configs:
              - source_labels: [__name__]
                regex: "drop_me.*"
                action: drop
              - source_labels: [__name__]
                regex: "items|gauge_.*|counter_total"
                action: keep
              - source_labels: [__name__, kind]
                regex: "items;(.*)"
                target_label: kind_copy
                replacement: "k-$1"
              - regex: "ext_(.+)"
                replacement: "mapped_$1"
                action: labelmap
              - regex: "ext_.*"
                action: labeldrop
              - source_labels: [path]
                target_label: path_lower
                action: lowercase
              - source_labels: [kind]
                target_label: kind_upper
                action: uppercase
              - source_labels: [sensor]
                modulus: 3
                target_label: sensor_shard
                action: hashmod
              - source_labels: [a]
                target_label: b
                action: dropequal
              - regex: "__name__|job|instance|env|env_lower|team|team_upper|port|combo|shard|copied_.*|dyn_.*|kind.*|mapped_.*|sensor.*|a|b|path.*"
                action: labelkeep
        """;

    [Fact]
    public async Task SeriesAndTargetsMatchPrometheus()
    {
        var configPath = Path.Combine(_directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, Config());
        int port = FreePort.Next();
        using var prometheus = new ChildProcess(PrometheusOracle.Binary,
        [
            $"--config.file={configPath}",
            $"--storage.tsdb.path={Path.Combine(_directory.FullName, "prometheus-data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        ]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await using var server = await TsdbServer.StartAsync(new ServerOptions
        {
            ConfigFile = configPath,
            StoragePath = Path.Combine(_directory.FullName, "tsdb-data"),
            ListenAddress = "127.0.0.1:0",
        });

        // Both have scraped every target at least twice once Prometheus reports three samples of up per target.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(prometheus.HasExited, $"prometheus exited:\n{prometheus.Output}");
            if (await PrometheusScrapedEnough(http) && server.Scraping.Loops.All(l => l.Counters.Scrapes >= 2)) break;
            Assert.True(DateTime.UtcNow < deadline, $"prometheus or tsdb did not scrape in time:\n{prometheus.Output}");
            await Task.Delay(200);
        }

        var expected = await PrometheusSeries(http);
        var actual = OurSeries(server.Head);
        Assert.True(expected.Count > 10, $"prometheus stored too few series: {string.Join("\n", expected)}");
        Assert.Equal(expected, actual);

        // Prometheus 2.42 shows, for an active target, discovered labels whose plain (non "__") names have been
        // overwritten with relabeling results; only the internal labels it fills before relabeling are reliable there.
        var (active, dropped) = await PrometheusTargets(http);
        Assert.Equal(string.Join("\n", active),
            string.Join("\n", server.Scraping.ActiveTargets().Select(t => $"{Format(t.Target.Labels)} <- {Format(Internal(t.Target.DiscoveredLabels))}").Order()));
        Assert.Equal(string.Join("\n", dropped),
            string.Join("\n", server.Scraping.DroppedTargets().Select(t => Format(t.DiscoveredLabels)).Order()));
    }

    private static async Task<bool> PrometheusScrapedEnough(HttpClient http)
    {
        try
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("count_over_time(up[1m])")));
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 2 && result.EnumerateArray().All(r => double.Parse(r.GetProperty("value")[1].GetString()!) >= 3);
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    private static async Task<List<string>> PrometheusSeries(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/v1/series?match[]=" + Uri.EscapeDataString("{job=~\".+\"}")));
        return json.RootElement.GetProperty("data").EnumerateArray().Select(e => FormatJson(e)).Order().ToList();
    }

    private static async Task<(List<string> Active, List<string> Dropped)> PrometheusTargets(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/v1/targets"));
        var data = json.RootElement.GetProperty("data");
        var active = data.GetProperty("activeTargets").EnumerateArray()
            .Select(t => $"{FormatJson(t.GetProperty("labels"))} <- {FormatJson(t.GetProperty("discoveredLabels"), internalOnly: true)}").Order().ToList();
        var dropped = data.GetProperty("droppedTargets").EnumerateArray().Select(t => FormatJson(t.GetProperty("discoveredLabels"))).Order().ToList();
        return (active, dropped);
    }

    private static List<string> OurSeries(Head head)
    {
        using var querier = head.Querier(long.MinValue, long.MaxValue);
        var set = querier.Select(Matcher.Regex("job", ".+"));
        var result = new List<string>();
        while (set.MoveNext()) result.Add(Format(set.Current.Labels));
        return result.Order().ToList();
    }

    private static string FormatJson(JsonElement labels, bool internalOnly = false) =>
        string.Join(",", labels.EnumerateObject().Select(p => (p.Name, Value: p.Value.GetString()!))
            .Where(p => !internalOnly || p.Name.StartsWith("__", StringComparison.Ordinal))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    private static Labels Internal(Labels labels) => Labels.From(labels.Where(l => l.Name.StartsWith("__", StringComparison.Ordinal)));

    private static string Format(Labels labels) =>
        string.Join(",", labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name}={l.Value}"));
}
