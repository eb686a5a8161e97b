using System.Text.Json;
using Tsdb.Server.RemoteWrite;
using static Tsdb.Server.Tests.RemoteWrite.RemoteWriteSamples;

namespace Tsdb.Server.Tests.Oracle;

public class PrometheusOracleTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;

    [Fact]
    public async Task PushedSamplesCanBeQueriedBack()
    {
        await using var oracle = await PrometheusOracle.StartAsync();
        var (status, body) = await oracle.PushAsync(Request(
            Series(["__name__", "oracle_test", "job", "a"], (Now - 2000, 1.5), (Now - 1000, 2.5)),
            Series(["__name__", "oracle_test", "job", "b"], (Now - 1000, 7))));
        Assert.True(status == 204, body);

        using var instant = JsonDocument.Parse(await oracle.QueryInstantAsync("sum(oracle_test)", (Now - 1000) / 1000.0));
        var value = instant.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value");
        Assert.Equal("9.5", value[1].GetString());

        using var range = JsonDocument.Parse(await oracle.QueryRangeAsync("oracle_test{job=\"a\"}", (Now - 2000) / 1000.0, (Now - 1000) / 1000.0, 1));
        var values = range.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("values");
        Assert.Equal(["1.5", "2.5"], values.EnumerateArray().Select(v => v[1].GetString()!));

        Assert.Contains("\"oracle_test\"", await oracle.RawGetAsync("/api/v1/label/__name__/values"));
    }

    /// <summary>
    /// Pins the behaviour the receiver copies: a sample out of order answers 400 "out of order sample", and
    /// the good samples of the same request are not stored either.
    /// </summary>
    [Fact]
    public async Task OutOfOrderSampleRejectsTheWholeRequestInPrometheusToo()
    {
        await using var oracle = await PrometheusOracle.StartAsync();
        Assert.Equal(204, (await oracle.PushAsync(Request(Series(["__name__", "ooo", "job", "a"], (Now - 1000, 1))))).Status);

        var (status, body) = await oracle.PushAsync(Request(
            Series(["__name__", "ooo", "job", "b"], (Now - 1000, 2)),
            Series(["__name__", "ooo", "job", "a"], (Now - 5000, 3))));

        Assert.Equal(400, status);
        Assert.Equal(RemoteWriteReceiver.OutOfOrderMessage + "\n", body);
        using var result = JsonDocument.Parse(await oracle.QueryInstantAsync("count(ooo)", (Now - 1000) / 1000.0));
        Assert.Equal("1", result.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString());
    }
}
