using Tsdb.Server.Tests.Api;
using static Tsdb.Server.Tests.RemoteWrite.SentVersusStored;

namespace Tsdb.Server.Tests.SelfMetrics;

/// <summary>The dotnet_gc_* metrics follow the garbage collector of this very process.</summary>
public sealed class RuntimeMetricsTests
{
    [Fact]
    public async Task CollectionsAllocationAndHeapSizeFollowTheRuntime()
    {
        await using var server = await ApiTestServer.StartAsync("scrape_configs: []\n");
        var before = await server.Http.GetStringAsync("/metrics");
        var kept = new List<byte[]>();
        for (int i = 0; i < 64; i++) kept.Add(new byte[1 << 20]);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var after = await server.Http.GetStringAsync("/metrics");
        GC.KeepAlive(kept);

        Assert.True(Sum(after, "dotnet_gc_allocated_bytes_total") - Sum(before, "dotnet_gc_allocated_bytes_total") >= 64 << 20,
            "64 MiB allocated in between show in dotnet_gc_allocated_bytes_total");
        Assert.Contains("dotnet_gc_collections_total{generation=\"2\"}", after);
        Assert.True(Sum(after, "dotnet_gc_collections_total{generation=\"2\"}") > Sum(before, "dotnet_gc_collections_total{generation=\"2\"}"),
            "a forced full collection counts in generation 2");
        Assert.True(Sum(after, "dotnet_gc_collections_total{generation=\"0\"}") >= Sum(after, "dotnet_gc_collections_total{generation=\"2\"}"),
            "collecting a generation collects the younger ones too");
        Assert.True(Sum(after, "dotnet_gc_heap_size_bytes") >= 64 << 20, "the 64 MiB still referenced are in the heap");
        Assert.True(Sum(after, "dotnet_gc_pause_seconds_total") > 0);
    }
}
