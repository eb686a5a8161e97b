using static Tsdb.Server.Tests.RemoteWrite.RemoteWriteSamples;

namespace Tsdb.Server.Tests.Api;

/// <summary>
/// Answers of many megabytes are sent in parts while they are written: every series and point still arrives,
/// in order, whatever the part boundaries cut through, and the warnings and envelope close the answer.
/// </summary>
public sealed class LargeAnswerTests
{
    private const long T0 = 1_700_000_000_000;

    [Fact]
    public async Task AMatrixAndAVectorOfThousandsOfSeriesArriveWhole()
    {
        await using var server = await ApiTestServer.StartAsync("scrape_configs: []\n");
        const int seriesCount = 3000, samples = 40;
        var series = Enumerable.Range(0, seriesCount).Select(i => Series(
            ["__name__", "requests", "instance", $"host-{i:D5}"],
            [.. Enumerable.Range(0, samples).Select(s => (T0 + s * 15_000L, (double)(i * samples + s)))])).ToArray();
        await server.PushAsync(Request(series));

        string end = ((T0 + (samples - 1) * 15_000) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (status, body) = await server.PostFormAsync("/api/v1/query_range",
            ("query", "requests"), ("start", (T0 / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("end", end), ("step", "15s"));
        Assert.Equal(200, status);
        Assert.Equal("success", (string?)body["status"]);
        var matrix = body["data"]!["result"]!.AsArray();
        Assert.Equal(seriesCount, matrix.Count);
        for (int i = 0; i < seriesCount; i++)
        {
            Assert.Equal($"host-{i:D5}", (string?)matrix[i]!["metric"]!["instance"]);
            var values = matrix[i]!["values"]!.AsArray();
            Assert.Equal(samples, values.Count);
            Assert.Equal((i * samples + samples - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)values[^1]![1]);
        }

        var (vectorStatus, vectorBody) = await server.GetJsonAsync($"/api/v1/query?query=requests&time={end}");
        Assert.Equal(200, vectorStatus);
        var vector = vectorBody["data"]!["result"]!.AsArray();
        Assert.Equal(seriesCount, vector.Count);
        Assert.Equal("host-02999", (string?)vector[^1]!["metric"]!["instance"]);
    }
}
