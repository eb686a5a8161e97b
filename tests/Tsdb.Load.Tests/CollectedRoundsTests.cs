using System.Globalization;
using Tsdb.Load.Queries;
using Tsdb.Load.Systems;

namespace Tsdb.Load.Tests;

/// <summary>
/// The compare tool precedes every query to a Go system with a full collection in it. These run the real
/// Debian programs: the request must make them collect, and every query must follow one in the instance it goes to.
/// </summary>
public class CollectedRoundsTests
{
    public static TheoryData<string> GoSystems => new() { "prometheus", "victoria-metrics" };

    private static SystemUnderTest Create(string system) => system == "prometheus"
        ? new PrometheusServer(core: 0)
        : new VictoriaMetricsServer(core: 0);

    [Theory]
    [MemberData(nameof(GoSystems))]
    public async Task AskingForACollectionRunsOne(string system)
    {
        using var http = new HttpClient();
        await using var server = Create(system);
        await server.StartAsync(http, CancellationToken.None);
        double before = await CompletedCollections(http, server);
        await server.CollectGarbageAsync(http, CancellationToken.None);
        // VictoriaMetrics refreshes its runtime gauges about once a second.
        bool collected = false;
        for (int attempt = 0; attempt < 30 && !collected; attempt++)
        {
            collected = await CompletedCollections(http, server) > before;
            if (!collected) await Task.Delay(200);
        }
        Assert.True(collected, $"{server.Name} ran no collection within 6 s of being asked");
    }

    [Fact]
    public async Task EveryQueryStartsWithTheHookForItsInstance()
    {
        using var http = new HttpClient();
        await using var server = Create("prometheus");
        await server.StartAsync(http, CancellationToken.None);
        using var first = new PromApiClient(server.BaseAddress);
        using var second = new PromApiClient(server.BaseAddress);
        var calls = new List<(int Instance, double RangeQueriesAnswered)>();
        // Two "systems" of one instance each, both the same server: the hook sees which one is about to answer.
        var latencies = await QueryLoad.RunAsync([[first], [second]], DashboardQuery.Overview, 0, 600_000, repetitions: 3, CancellationToken.None,
            beforeEachQuery: async (instance, token) =>
            {
                calls.Add((instance, await RangeQueriesAnswered(http, server)));
                await server.CollectGarbageAsync(http, token);
            });
        int queries = DashboardQuery.Overview.Count * 2 * 3;
        // Each query's hook ran after the query before it was answered and before its own: the server's count of
        // range queries answered rises by one from hook to hook.
        Assert.Equal(Enumerable.Range(0, queries).Select(n => (double)n), calls.Select(c => c.RangeQueriesAnswered));
        // The instances take turns, the first changing from query to query.
        Assert.Equal(queries / 2, calls.Count(c => c.Instance == 0));
        Assert.Equal(queries / 2, calls.Count(c => c.Instance == 1));
        Assert.Contains(calls.Chunk(2), pair => pair[0].Instance == 1);
        Assert.All(calls.Chunk(2), pair => Assert.NotEqual(pair[0].Instance, pair[1].Instance));
        Assert.All(latencies, system => Assert.All(system, latency => Assert.Equal(3, latency.Rounds)));
    }

    /// <summary>go_gc_duration_seconds_count, which both programs export, from /metrics.</summary>
    private static Task<double> CompletedCollections(HttpClient http, SystemUnderTest server) =>
        MetricValue(http, server, "go_gc_duration_seconds_count");

    /// <summary>Prometheus's count of range queries it answered.</summary>
    private static Task<double> RangeQueriesAnswered(HttpClient http, SystemUnderTest server) =>
        MetricValue(http, server, "prometheus_http_requests_total{code=\"200\",handler=\"/api/v1/query_range\"}", missingIsZero: true);

    private static async Task<double> MetricValue(HttpClient http, SystemUnderTest server, string series, bool missingIsZero = false)
    {
        string metrics = await http.GetStringAsync(new Uri(server.BaseAddress, "metrics"));
        string? line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        if (line is null && missingIsZero) return 0;
        Assert.NotNull(line);
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
