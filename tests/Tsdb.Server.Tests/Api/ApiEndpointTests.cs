using System.Text.Json.Nodes;
using static Tsdb.Server.Tests.RemoteWrite.RemoteWriteSamples;

namespace Tsdb.Server.Tests.Api;

/// <summary>Every endpoint of the HTTP API against a server holding a few series: answer shapes and parameter errors.</summary>
public sealed class ApiEndpointTests : IAsyncLifetime
{
    private const long T0 = 1_700_000_000_000;
    private ApiTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiTestServer.StartAsync("global:\n  external_labels:\n    region: eu\n");
        await _server.PushAsync(Request(
            Series(["__name__", "http_requests", "job", "api", "code", "200"], (T0, 1), (T0 + 15_000, 4.5)),
            Series(["__name__", "http_requests", "job", "api", "code", "500"], (T0, 2), (T0 + 15_000, double.PositiveInfinity)),
            Series(["__name__", "up", "job", "node"], (T0, 1), (T0 + 15_000, 0))));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string At(long ms) => (ms / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task InstantQueryAnswersAVectorWithStringValuesAndSecondTimestamps()
    {
        var (status, body) = await _server.GetJsonAsync($"/api/v1/query?query=http_requests&time={At(T0 + 15_500)}");
        Assert.Equal(200, status);
        Assert.Equal("success", (string?)body["status"]);
        Assert.Equal("vector", (string?)body["data"]!["resultType"]);
        var result = body["data"]!["result"]!.AsArray();
        Assert.Equal(2, result.Count);
        Assert.Equal("500", (string?)result[1]!["metric"]!["code"]);
        Assert.Equal(1700000015.5, (double)result[1]!["value"]![0]!);
        Assert.Equal("+Inf", (string?)result[1]!["value"]![1]);
        Assert.Equal("4.5", (string?)result[0]!["value"]![1]);
        Assert.Null(body["warnings"]);
    }

    [Fact]
    public async Task RangeQueryPostedAsAFormAnswersAMatrix()
    {
        var (status, body) = await _server.PostFormAsync("/api/v1/query_range",
            ("query", "sum(http_requests)"), ("start", At(T0)), ("end", At(T0 + 30_000)), ("step", "15s"));
        Assert.Equal(200, status);
        Assert.Equal("matrix", (string?)body["data"]!["resultType"]);
        var values = body["data"]!["result"]![0]!["values"]!.AsArray();
        Assert.Equal(["3", "+Inf", "+Inf"], values.Select(v => (string)v![1]!));
        Assert.Equal([1700000000.0, 1700000015, 1700000030], values.Select(v => (double)v![0]!));
    }

    [Fact]
    public async Task ScalarsStringsAndTimeFormats()
    {
        Assert.Equal("""{"status":"success","data":{"resultType":"scalar","result":[1672531200.5,"+Inf"]}}""",
            await _server.Http.GetStringAsync("/api/v1/query?query=1%2F0&time=2023-01-01T00:00:00.5Z"));
        var (_, text) = await _server.PostFormAsync("/api/v1/query", ("query", "\"hi\""), ("time", "1.25"));
        Assert.Equal("[1.25,\"hi\"]", text["data"]!["result"]!.ToJsonString());
        Assert.Equal("""{"status":"success","data":{"resultType":"scalar","result":[1672531200,"NaN"]}}""",
            await _server.Http.GetStringAsync("/api/v1/query?query=0%2F0&time=2023-01-01T01:00:00%2B01:00"));
        Assert.Equal("""{"status":"success","data":{"resultType":"scalar","result":[-1.5,"-0.000001"]}}""",
            await _server.Http.GetStringAsync("/api/v1/query?query=-1e-6&time=-1.5"));
    }

    [Theory]
    [InlineData("/api/v1/query?query=1&time=abc", 400, "bad_data", "invalid parameter \"time\": Invalid time value for 'time': cannot parse \"abc\" to a valid timestamp")]
    [InlineData("/api/v1/query?query=1&timeout=abc", 400, "bad_data", "invalid parameter \"timeout\": cannot parse \"abc\" to a valid duration")]
    [InlineData("/api/v1/query?query=rate(x)", 400, "bad_data", "invalid parameter \"query\": 1:6: parse error: expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("/api/v1/query_range?query=1&start=x&end=1&step=1", 400, "bad_data", "invalid parameter \"start\": cannot parse \"x\" to a valid timestamp")]
    [InlineData("/api/v1/query_range?query=1&start=1&end=x&step=1", 400, "bad_data", "invalid parameter \"end\": cannot parse \"x\" to a valid timestamp")]
    [InlineData("/api/v1/query_range?query=1&start=5&end=1&step=1", 400, "bad_data", "invalid parameter \"end\": end timestamp must not be before start time")]
    [InlineData("/api/v1/query_range?query=1&start=0&end=1&step=x", 400, "bad_data", "invalid parameter \"step\": cannot parse \"x\" to a valid duration")]
    [InlineData("/api/v1/query_range?query=1&start=0&end=1&step=0", 400, "bad_data", "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer")]
    [InlineData("/api/v1/query_range?query=1&start=0&end=1000000&step=1", 400, "bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")]
    [InlineData("/api/v1/query_range?query=up[5m]&start=0&end=1&step=1", 400, "bad_data", "invalid expression type \"range vector\" for range query, must be Scalar or instant Vector")]
    [InlineData("/api/v1/query_range?query=(&start=0&end=1&step=1", 400, "bad_data", "1:2: parse error: unclosed left parenthesis")]
    [InlineData("/api/v1/query", 400, "bad_data", "invalid parameter \"query\": 1:1: parse error: no expression found in input")]
    [InlineData("/api/v1/query?query=", 400, "bad_data", "invalid parameter \"query\": 1:1: parse error: no expression found in input")]
    [InlineData("/api/v1/query?query=%20%20%0A%09", 400, "bad_data", "invalid parameter \"query\": 1:1: parse error: no expression found in input")]
    [InlineData("/api/v1/query_range?query=&start=0&end=10&step=1", 400, "bad_data", "1:1: parse error: no expression found in input")]
    [InlineData("/api/v1/query_range?query=%20%0A&start=0&end=10&step=1", 400, "bad_data", "1:1: parse error: no expression found in input")]
    [InlineData("/api/v1/series", 400, "bad_data", "no match[] parameter provided")]
    [InlineData("/api/v1/series?match[]={}", 400, "bad_data", "invalid parameter \"match[]\": match[] must contain at least one non-empty matcher")]
    [InlineData("/api/v1/series?match[]=up{", 400, "bad_data", "invalid parameter \"match[]\": 1:4: parse error: unexpected end of input inside braces")]
    [InlineData("/api/v1/series?match[]=up&start=x", 400, "bad_data", "invalid parameter \"start\": Invalid time value for 'start': cannot parse \"x\" to a valid timestamp")]
    [InlineData("/api/v1/labels?match[]=up{", 400, "bad_data", "1:4: parse error: unexpected end of input inside braces")]
    [InlineData("/api/v1/labels?end=x", 400, "bad_data", "invalid parameter \"end\": Invalid time value for 'end': cannot parse \"x\" to a valid timestamp")]
    [InlineData("/api/v1/label/1a/values", 400, "bad_data", "invalid label name: \"1a\"")]
    [InlineData("/api/v1/label/job/values?limit=x", 400, "bad_data", "invalid parameter \"limit\": limit must be a number")]
    [InlineData("/api/v1/metadata?limit=x", 400, "bad_data", "limit must be a number")]
    [InlineData("/api/v1/format_query?query=(", 400, "bad_data", "invalid parameter \"query\": 1:2: parse error: unclosed left parenthesis")]
    public async Task ParameterErrorsAreWordedAsPrometheusWordsThem(string path, int status, string errorType, string message)
    {
        var (actualStatus, body) = await _server.GetJsonAsync(path);
        Assert.Equal(message, (string?)body["error"]);
        Assert.Equal(errorType, (string?)body["errorType"]);
        Assert.Equal("error", (string?)body["status"]);
        Assert.Equal(status, actualStatus);
    }

    [Fact]
    public async Task EvaluationErrorsAreExecutionErrors()
    {
        var (status, body) = await _server.GetJsonAsync("/api/v1/query?query=http_requests%20%2B%20on()%20http_requests&time=1700000015");
        Assert.Equal(422, status);
        Assert.Equal("execution", (string?)body["errorType"]);
        Assert.StartsWith("found duplicate series for the match group {} on the right hand-side of the operation", (string?)body["error"]);
    }

    [Fact]
    public async Task SeriesLabelsAndLabelValues()
    {
        var (_, series) = await _server.GetJsonAsync("/api/v1/series?match[]=up&match[]=http_requests{code=\"500\"}");
        Assert.Equal(
            """[{"__name__":"http_requests","code":"500","job":"api"},{"__name__":"up","job":"node"}]""",
            series["data"]!.ToJsonString());
        var (_, none) = await _server.GetJsonAsync($"/api/v1/series?match[]=up&end={At(T0 - 60_000)}");
        Assert.Equal("[]", none["data"]!.ToJsonString());

        var (_, names) = await _server.GetJsonAsync("/api/v1/labels");
        Assert.Equal("""["__name__","code","job"]""", names["data"]!.ToJsonString());
        var (_, upNames) = await _server.GetJsonAsync("/api/v1/labels?match[]=up");
        Assert.Equal("""["__name__","job"]""", upNames["data"]!.ToJsonString());

        var (_, jobs) = await _server.GetJsonAsync("/api/v1/label/job/values");
        Assert.Equal("""["api","node"]""", jobs["data"]!.ToJsonString());
        var (_, limited) = await _server.GetJsonAsync("/api/v1/label/job/values?limit=1");
        Assert.Equal("""["api"]""", limited["data"]!.ToJsonString());
        var (_, matched) = await _server.GetJsonAsync("/api/v1/label/code/values?match[]=http_requests");
        Assert.Equal("""["200","500"]""", matched["data"]!.ToJsonString());
    }

    [Fact]
    public async Task EmptyCollectionsHaveTheirShapes()
    {
        Assert.Equal("{}", (await _server.GetJsonAsync("/api/v1/metadata")).Body["data"]!.ToJsonString());
        Assert.Equal("""{"activeTargets":[],"droppedTargets":[]}""", (await _server.GetJsonAsync("/api/v1/targets?state=any")).Body["data"]!.ToJsonString());
        Assert.Equal("""{"groups":[]}""", (await _server.GetJsonAsync("/api/v1/rules")).Body["data"]!.ToJsonString());
        Assert.Equal("""{"alerts":[]}""", (await _server.GetJsonAsync("/api/v1/alerts")).Body["data"]!.ToJsonString());
        Assert.Equal("[]", (await _server.GetJsonAsync("/api/v1/query_exemplars?query=up")).Body["data"]!.ToJsonString());
        Assert.Equal("\"sum by (y) (x)\"", (await _server.GetJsonAsync("/api/v1/format_query?query=sum(x)by(y)")).Body["data"]!.ToJsonString());
    }

    [Fact]
    public async Task StatusEndpoints()
    {
        var build = (await _server.GetJsonAsync("/api/v1/status/buildinfo")).Body["data"]!;
        Assert.Equal("2.42.0", (string?)build["version"]);
        Assert.Equal(["version", "revision", "branch", "buildUser", "buildDate", "goVersion"], build.AsObject().Select(p => p.Key));

        var flags = (await _server.GetJsonAsync("/api/v1/status/flags")).Body["data"]!;
        Assert.Equal("127.0.0.1:0", (string?)flags["web.listen-address"]);
        Assert.Equal("5m", (string?)flags["query.lookback-delta"]);
        Assert.Equal("true", (string?)flags["web.enable-remote-write-receiver"]);

        Assert.Contains("region: eu", (string?)(await _server.GetJsonAsync("/api/v1/status/config")).Body["data"]!["yaml"]);

        var runtime = (await _server.GetJsonAsync("/api/v1/status/runtimeinfo")).Body["data"]!;
        Assert.Equal("15d", (string?)runtime["storageRetention"]);
        Assert.True((bool)runtime["reloadConfigSuccess"]!);

        var tsdb = (await _server.GetJsonAsync("/api/v1/status/tsdb")).Body["data"]!;
        Assert.Equal(3, (int)tsdb["headStats"]!["numSeries"]!);
        Assert.Equal(3, (int)tsdb["headStats"]!["chunkCount"]!);
        Assert.Equal(T0, (long)tsdb["headStats"]!["minTime"]!);
        Assert.Equal(T0 + 15_000, (long)tsdb["headStats"]!["maxTime"]!);
        Assert.Equal("""[{"name":"http_requests","value":2},{"name":"up","value":1}]""", tsdb["seriesCountByMetricName"]!.ToJsonString());
        Assert.Equal("""{"name":"__name__=http_requests","value":2}""", tsdb["seriesCountByLabelValuePair"]![0]!.ToJsonString());
        Assert.Equal("""{"name":"job=api","value":2}""", tsdb["seriesCountByLabelValuePair"]![1]!.ToJsonString());
        Assert.Equal("""{"name":"__name__","value":2}""", tsdb["labelValueCountByLabelName"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task LifecycleAndAdminApisAreRefusedWhenDisabled()
    {
        using var reload = await _server.Http.PostAsync("/-/reload", null);
        Assert.Equal(403, (int)reload.StatusCode);
        Assert.Equal("Lifecycle API is not enabled.", await reload.Content.ReadAsStringAsync());
        using var quit = await _server.Http.PutAsync("/-/quit", null);
        Assert.Equal(403, (int)quit.StatusCode);

        using var snapshot = await _server.Http.PostAsync("/api/v1/admin/tsdb/snapshot", null);
        Assert.Equal(500, (int)snapshot.StatusCode);
        Assert.Equal("""{"status":"error","errorType":"unavailable","error":"admin APIs disabled"}""", await snapshot.Content.ReadAsStringAsync());

        Assert.Equal("Prometheus Server is Healthy.\n", await _server.Http.GetStringAsync("/-/healthy"));
        Assert.Equal("Prometheus Server is Ready.\n", await _server.Http.GetStringAsync("/-/ready"));
    }

    [Fact]
    public async Task FederateWritesTheLatestSampleWithExternalLabels()
    {
        // Federation looks back from now, so these series are written at the current time.
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await _server.PushAsync(Request(
            Series(["__name__", "fed_metric", "job", "a"], (now - 20_000, 1), (now - 10_000, 2)),
            Series(["__name__", "fed_metric", "job", "b", "region", "us"], (now - 10_000, 3))));
        using var response = await _server.Http.GetAsync("/federate?match[]=fed_metric&match[]=up");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            "# TYPE fed_metric untyped\n" +
            $"fed_metric{{job=\"a\",region=\"eu\"}} 2 {now - 10_000}\n" +
            $"fed_metric{{job=\"b\",region=\"us\"}} 3 {now - 10_000}\n",
            await response.Content.ReadAsStringAsync());

        using var bad = await _server.Http.GetAsync("/federate?match[]=up{");
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task SelfMetricsCountRequestsAndAppendedSamples()
    {
        await _server.GetJsonAsync("/api/v1/query?query=up");
        await _server.GetJsonAsync("/api/v1/query?query=(");
        var text = await _server.Http.GetStringAsync("/metrics");
        var lines = text.Split('\n');
        Assert.Contains("prometheus_tsdb_head_series 3", lines);
        Assert.Contains("prometheus_tsdb_head_samples_appended_total 6", lines);
        Assert.Contains("prometheus_remote_storage_samples_in_total 6", lines);
        Assert.Contains("prometheus_http_requests_total{code=\"200\",handler=\"/api/v1/query\"} 1", lines);
        Assert.Contains("prometheus_http_requests_total{code=\"400\",handler=\"/api/v1/query\"} 1", lines);
        Assert.Contains("prometheus_http_request_duration_seconds_count{handler=\"/api/v1/query\"} 2", lines);
        Assert.Contains("# TYPE prometheus_http_request_duration_seconds histogram", lines);
        Assert.Contains("prometheus_engine_queries 0", lines);
    }
}
