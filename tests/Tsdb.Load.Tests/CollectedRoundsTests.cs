using System.Globalization;
using Tsdb.Load.Queries;
using Tsdb.Load.Systems;

namespace Tsdb.Load.Tests;

/// <summary>
/// The compare tool starts every query round with a full collection in the Go systems. These run the real
/// Debian programs: the request must make them collect, and the rounds must each start with it.
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
    public async Task EveryRoundWarmUpsIncludedStartsWithTheHook()
    {
        using var http = new HttpClient();
        await using var server = Create("prometheus");
        await server.StartAsync(http, CancellationToken.None);
        using var api = new PromApiClient(server.BaseAddress);
        var calls = new List<int>();
        int queriesAnswered = 0;
        var latencies = await QueryLoad.RunAsync([[api]], DashboardQuery.Overview, 0, 600_000, repetitions: 3, CancellationToken.None,
            warmups: 2, beforeEachRound: async token =>
            {
                // The queries answered so far: each round's hook runs before that round's queries.
                calls.Add(queriesAnswered);
                await server.CollectGarbageAsync(http, token);
                queriesAnswered += DashboardQuery.Overview.Count;
            });
        Assert.Equal([0, 5, 10, 15, 20], calls);
        Assert.All(latencies[0], latency => Assert.Equal(3, latency.Rounds));
    }

    /// <summary>go_gc_duration_seconds_count, which both programs export, from /metrics.</summary>
    private static async Task<double> CompletedCollections(HttpClient http, SystemUnderTest server)
    {
        string metrics = await http.GetStringAsync(new Uri(server.BaseAddress, "metrics"));
        string line = metrics.Split('\n').Single(l => l.StartsWith("go_gc_duration_seconds_count", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
