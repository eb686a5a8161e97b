using Tsdb.Server.Memory;
using Tsdb.Server.Tests.Api;
using static Tsdb.Server.Tests.RemoteWrite.SentVersusStored;

namespace Tsdb.Server.Tests.Memory;

[CollectionDefinition(nameof(HeapTrimmerTests), DisableParallelization = true)]
public sealed class HeapTrimmerCollection;

/// <summary>Alone in its collection: other tests allocating in parallel would keep the process from ever being quiet.</summary>
[Collection(nameof(HeapTrimmerTests))]
public sealed class HeapTrimmerTests
{
    [Fact]
    public async Task AServerThatGoesQuietAfterABurstTrimsItsHeap()
    {
        await using var server = await ApiTestServer.StartAsync("scrape_configs: []\n");
        double trimsBefore = Sum(await server.Http.GetStringAsync("/metrics"), "tsdb_heap_trims_total");
        int fullCollectionsBefore = GC.CollectionCount(2);

        for (long made = 0; made < 4 * TrimSchedule.MinimumGrowthBytes; made += 1 << 20) GC.KeepAlive(new byte[1 << 20]);

        double trims = trimsBefore;
        var giveUpAt = DateTime.UtcNow.AddSeconds(30);
        while (trims == trimsBefore && DateTime.UtcNow < giveUpAt)
        {
            await Task.Delay(1000);
            trims = Sum(await server.Http.GetStringAsync("/metrics"), "tsdb_heap_trims_total");
        }
        Assert.True(trims > trimsBefore, "a quiet second after the burst brings a trim");
        Assert.True(GC.CollectionCount(2) > fullCollectionsBefore, "a trim is a full collection");
    }
}
