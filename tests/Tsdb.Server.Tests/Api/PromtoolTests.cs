using System.Diagnostics;
using System.Globalization;
using Tsdb.Server.Tests.Oracle;
using static Tsdb.Server.Tests.RemoteWrite.RemoteWriteSamples;

namespace Tsdb.Server.Tests.Api;

/// <summary><c>promtool query</c> run against this server prints what it prints against Prometheus 2.42 with the same data.</summary>
public sealed class PromtoolTests
{
    private const string Promtool = "/usr/bin/promtool";
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;

    [Fact]
    public async Task PromtoolQueriesPrintTheSameAsAgainstPrometheus()
    {
        var data = Request(
            Series(["__name__", "up", "job", "node", "instance", "h:9100"], (Now - 30_000, 1), (Now - 15_000, 0)),
            Series(["__name__", "up", "job", "api", "instance", "h:8080"], (Now - 30_000, 1)));
        await using var oracle = await PrometheusOracle.StartAsync();
        // Like the oracle, scrape nothing: only the pushed data is compared.
        await using var ours = await ApiTestServer.StartAsync("scrape_configs: []\n");
        Assert.Equal(204, (await oracle.PushAsync(data)).Status);
        await ours.PushAsync(data);

        string at = (Now / 1000).ToString(CultureInfo.InvariantCulture);
        string from = ((Now - 60_000) / 1000).ToString(CultureInfo.InvariantCulture);
        var commands = new[]
        {
            new[] { "query", "instant", "{0}", "up", $"--time={at}" },
            ["query", "instant", "{0}", "sum(up)", $"--time={at}"],
            ["query", "range", "{0}", "up", $"--start={from}", $"--end={at}", "--step=15s"],
            ["query", "series", "{0}", "--match=up", $"--start={from}", $"--end={at}"],
            ["query", "labels", "{0}", "job"],
        };
        foreach (var command in commands)
        {
            var expected = await RunAsync(command, oracle.Address);
            var actual = await RunAsync(command, ours.Server.Address);
            Assert.Equal(0, actual.ExitCode);
            Assert.Equal(expected.Output, actual.Output);
            Assert.NotEmpty(actual.Output.Trim());
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] command, Uri server)
    {
        var info = new ProcessStartInfo(Promtool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command) info.ArgumentList.Add(arg == "{0}" ? server.ToString().TrimEnd('/') : arg);
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
