using System.Globalization;
using System.Text.Json.Nodes;
using Tsdb.Server.Tests.Oracle;
using static Tsdb.Server.Tests.RemoteWrite.RemoteWriteSamples;

namespace Tsdb.Server.Tests.Api;

/// <summary>
/// The requests Grafana's Prometheus data source sends ("Save &amp; test", the query editor's label and
/// metric lookups, panel queries POSTed as forms), answered by this server and by Prometheus 2.42 holding
/// the same data; the answers must agree field by field.
/// </summary>
public sealed class GrafanaCompatibilityTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;

    private static string Seconds(long ms) => (ms / 1000.0).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task GrafanaRequestsGetTheAnswersPrometheusGives()
    {
        var data = Request(
            Series(["__name__", "node_cpu_seconds_total", "job", "node", "cpu", "0", "mode", "idle"], (Now - 60_000, 10), (Now - 30_000, 25.5), (Now - 15_000, 40)),
            Series(["__name__", "node_cpu_seconds_total", "job", "node", "cpu", "1", "mode", "idle"], (Now - 60_000, 3), (Now - 15_000, 9)),
            Series(["__name__", "up", "job", "node", "instance", "h:9100"], (Now - 60_000, 1), (Now - 15_000, 1)),
            Series(["__name__", "up", "job", "api", "instance", "h:8080"], (Now - 60_000, 0)));
        await using var oracle = await PrometheusOracle.StartAsync();
        // Like the oracle, scrape nothing: only the pushed data is compared.
        await using var ours = await ApiTestServer.StartAsync("scrape_configs: []\n");
        Assert.Equal(204, (await oracle.PushAsync(data)).Status);
        await ours.PushAsync(data);
        using var theirs = new HttpClient { BaseAddress = oracle.Address, Timeout = TimeSpan.FromSeconds(30) };

        string start = Seconds(Now - 3_600_000), end = Seconds(Now), at = Seconds(Now - 10_000);
        var gets = new[]
        {
            $"/api/v1/labels?start={start}&end={end}",
            $"/api/v1/label/__name__/values?start={start}&end={end}",
            $"/api/v1/label/job/values?match[]=up&start={start}&end={end}",
            $"/api/v1/label/instance/values?match[]=up%7Bjob%3D%22node%22%7D&start={start}&end={end}",
            $"/api/v1/series?match[]=node_cpu_seconds_total&start={start}&end={end}",
            $"/api/v1/series?match[]=%7B__name__%3D~%22up%7Cnode.%2A%22%2Cjob%3D%22node%22%7D&start={start}&end={end}",
            "/api/v1/metadata",
            "/api/v1/metadata?metric=up",
            $"/api/v1/query?query=up&time={at}",
            $"/api/v1/query_range?query=irate(node_cpu_seconds_total%5B1m%5D)&start={Seconds(Now - 60_000)}&end={end}&step=15",
            $"/api/v1/query_range?query=up&start={start}&end={end}&step=0",
            $"/api/v1/query?query=sum(rate(x%5B5m%5D)&time={at}",
        };
        foreach (var path in gets)
        {
            await AssertSameAsync(path, await SendAsync(theirs, HttpMethod.Get, path, null), await SendAsync(ours.Http, HttpMethod.Get, path, null));
        }

        var posts = new (string Path, (string, string)[] Form)[]
        {
            // "Save & test".
            ("/api/v1/query", [("query", "1+1"), ("time", at)]),
            ("/api/v1/query", [("query", "sum by (job) (up)"), ("time", at)]),
            ("/api/v1/query_range", [("query", "sum by (cpu) (node_cpu_seconds_total)"), ("start", Seconds(Now - 120_000)), ("end", end), ("step", "15")]),
            ("/api/v1/query_range", [("query", "avg_over_time(up[1m])"), ("start", Seconds(Now - 120_000)), ("end", end), ("step", "30s")]),
            ("/api/v1/series", [("match[]", "up"), ("start", start), ("end", end)]),
            ("/api/v1/labels", [("match[]", "node_cpu_seconds_total"), ("start", start), ("end", end)]),
        };
        foreach (var (path, form) in posts)
        {
            await AssertSameAsync($"POST {path} {string.Join('&', form)}",
                await SendAsync(theirs, HttpMethod.Post, path, form), await SendAsync(ours.Http, HttpMethod.Post, path, form));
        }

        // Build info: the same fields, and a version Grafana recognises as Prometheus 2.42.
        var (_, theirBuild) = await SendAsync(theirs, HttpMethod.Get, "/api/v1/status/buildinfo", null);
        var (_, ourBuild) = await SendAsync(ours.Http, HttpMethod.Get, "/api/v1/status/buildinfo", null);
        Assert.Equal(theirBuild["data"]!.AsObject().Select(p => p.Key), ourBuild["data"]!.AsObject().Select(p => p.Key));
        Assert.StartsWith((string)ourBuild["data"]!["version"]!, (string)theirBuild["data"]!["version"]!);
    }

    private static async Task<(int Status, JsonNode Body)> SendAsync(HttpClient http, HttpMethod method, string path, (string, string)[]? form)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form is not null) request.Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static Task AssertSameAsync(string what, (int Status, JsonNode Body) expected, (int Status, JsonNode Body) actual)
    {
        Assert.True(JsonNode.DeepEquals(expected.Body, actual.Body),
            $"{what}\nPrometheus: {expected.Body.ToJsonString()}\nours:       {actual.Body.ToJsonString()}");
        Assert.Equal(expected.Status, actual.Status);
        return Task.CompletedTask;
    }
}
