using Tsdb.Server.Tests.Api;
using static Tsdb.Server.Tests.RemoteWrite.RemoteWriteSamples;
using static Tsdb.Server.Tests.RemoteWrite.SentVersusStored;

namespace Tsdb.Server.Tests.SelfMetrics;

/// <summary>A remote write and a query move the counters Prometheus names for them, by what they did.</summary>
public sealed class SelfMetricsMovementTests
{
    private const string WriteHandler = "prometheus_http_requests_total{code=\"204\",handler=\"/api/v1/write\"}";
    private const string QueryHandler = "prometheus_http_requests_total{code=\"200\",handler=\"/api/v1/query\"}";

    [Fact]
    public async Task RemoteWriteAndQueryMoveTheirCounters()
    {
        await using var server = await ApiTestServer.StartAsync("scrape_configs: []\n");
        var before = await server.Http.GetStringAsync("/metrics");

        await server.PushAsync(Request(
            Series(["__name__", "a", "job", "x"], (1000, 1), (2000, 2), (3000, 3)),
            Series(["__name__", "b", "job", "x"], (1000, 1))));
        using (var query = await server.Http.GetAsync("/api/v1/query?query=a&time=3"))
            Assert.Equal(200, (int)query.StatusCode);
        var after = await server.Http.GetStringAsync("/metrics");

        double Moved(string name) => Sum(after, name) - Sum(before, name);
        Assert.Equal(4, Moved("prometheus_remote_storage_samples_in_total"));
        Assert.Equal(4, Moved("prometheus_tsdb_head_samples_appended_total"));
        Assert.Equal(2, Moved("prometheus_tsdb_head_series_created_total"));
        Assert.Equal(2, Moved("prometheus_tsdb_head_series"));
        Assert.Equal(1, Moved(WriteHandler));
        Assert.Equal(1, Moved(QueryHandler));
        Assert.Equal(0, Moved("prometheus_tsdb_wal_corruptions_total"));
        Assert.Equal(2000, Sum(after, "prometheus_tsdb_head_max_time") - Sum(after, "prometheus_tsdb_head_min_time"));
    }
}
