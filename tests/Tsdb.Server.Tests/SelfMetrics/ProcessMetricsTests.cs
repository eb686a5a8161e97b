using System.Diagnostics;
using Tsdb.Server.Tests.Api;
using static Tsdb.Server.Tests.RemoteWrite.SentVersusStored;

namespace Tsdb.Server.Tests.SelfMetrics;

/// <summary>The process_* metrics describe this very process, as the kernel sees it.</summary>
public sealed class ProcessMetricsTests
{
    [Fact]
    public async Task ProcessMetricsMatchTheKernelsView()
    {
        await using var server = await ApiTestServer.StartAsync("scrape_configs: []\n");
        var before = await server.Http.GetStringAsync("/metrics");
        // Spin until this process has used 300 ms more CPU, however long a busy machine takes to give it that.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var giveUpAt = DateTime.UtcNow.AddSeconds(60);
        while (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore < TimeSpan.FromMilliseconds(300) && DateTime.UtcNow < giveUpAt)
            Thread.SpinWait(1000);
        var after = await server.Http.GetStringAsync("/metrics");

        Assert.True(Sum(after, "process_cpu_seconds_total") - Sum(before, "process_cpu_seconds_total") >= 0.29,
            "300 ms of spinning shows in process_cpu_seconds_total");
        long rss = long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        Assert.InRange(Sum(after, "process_resident_memory_bytes"), rss / 2.0, rss * 2.0);
        Assert.True(Sum(after, "process_virtual_memory_bytes") >= Sum(after, "process_resident_memory_bytes"));
        double openFds = Sum(after, "process_open_fds");
        Assert.InRange(openFds, 3, Sum(after, "process_max_fds"));
        double started = Sum(after, "process_start_time_seconds");
        Assert.InRange(started, DateTimeOffset.UtcNow.AddHours(-6).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }
}
