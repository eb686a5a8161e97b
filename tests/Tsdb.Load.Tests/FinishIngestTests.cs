using Tsdb.Load.Compare;
using Tsdb.Load.Queries;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Tests;

/// <summary>
/// The compare tool reads a system's ingest CPU time once the work the ingest set off has ended. Against the real
/// Debian VictoriaMetrics: once that returns, every sample sent is visible to queries and no merge is running.
/// </summary>
public class FinishIngestTests
{
    [Fact]
    public async Task VictoriaMetricsHasWrittenOutAndMergedEverythingOnceIngestIsFinished()
    {
        using var http = new HttpClient();
        await using var server = new VictoriaMetricsServer(core: 0);
        await server.StartAsync(http, CancellationToken.None);
        var workload = new WriteWorkload("finish", 2_000, 20, 2000, 2);
        var encoded = RequestEncoder.Encode(workload, BlockAlignedEnd.Before(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), workload.IntervalSeconds));
        using (var sender = new RoundSender(server.WriteUrl, encoded))
        {
            for (int round = 0; round < encoded.RequestsPerRound.Count; round++) await sender.SendRoundAsync(round, CancellationToken.None);
            Assert.Equal(0, sender.Result.FailedRequests);
        }

        await server.FinishIngestAsync(http, CancellationToken.None);

        string metrics = await http.GetStringAsync(new Uri(server.BaseAddress, "metrics"));
        Assert.Equal(0, VictoriaMetricsServer.ActiveMerges(metrics));
        using var api = new PromApiClient(server.BaseAddress);
        var stored = await StoredCounts.QueryAsync(api, encoded, CancellationToken.None);
        Assert.True(stored.Matches(encoded), $"stored {stored}, sent {encoded.Samples:N0} samples");
    }
}
