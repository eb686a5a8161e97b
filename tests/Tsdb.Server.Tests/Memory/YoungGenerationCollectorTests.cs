using Tsdb.Server.Memory;
using Tsdb.Server.Tests.Api;
using static Tsdb.Server.Tests.RemoteWrite.SentVersusStored;

namespace Tsdb.Server.Tests.Memory;

/// <summary>In the trimmer's collection: tests allocating in parallel would make the runtime collect by itself.</summary>
[Collection(nameof(HeapTrimmerTests))]
public sealed class YoungGenerationCollectorTests
{
    [Fact]
    public async Task ARequestEndingAfterEnoughAllocationCollectsTheYoungGeneration()
    {
        await using var server = await ApiTestServer.StartAsync("scrape_configs: []\n");
        double before = Sum(await server.Http.GetStringAsync("/metrics"), "tsdb_young_collections_total");
        int youngCollectionsBefore = GC.CollectionCount(0);

        // The runtime may collect by itself in the middle of an attempt, which restarts the count; a few attempts
        // leave room for that.
        double after = before;
        for (int attempt = 0; attempt < 10 && after == before; attempt++)
        {
            for (long made = 0; made < 2 * YoungCollectionSchedule.AllocationBetweenCollections; made += 64 * 1024)
                GC.KeepAlive(new byte[64 * 1024]);
            (await server.Http.GetAsync("/-/healthy")).EnsureSuccessStatusCode();
            await Task.Delay(100);
            after = Sum(await server.Http.GetStringAsync("/metrics"), "tsdb_young_collections_total");
        }
        Assert.True(after > before, "a request ending after twice the threshold's allocation brings a collection");
        Assert.True(GC.CollectionCount(0) > youngCollectionsBefore);
    }
}
