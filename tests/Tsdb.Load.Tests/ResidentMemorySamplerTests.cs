using Tsdb.Load.Systems;

namespace Tsdb.Load.Tests;

public class ResidentMemorySamplerTests
{
    [Fact]
    public async Task KeepsTheLeastReadingOfEachProcess()
    {
        int pid = Environment.ProcessId;
        var sampler = new ResidentMemorySampler([pid, pid]);
        await Task.Delay(ResidentMemorySampler.Interval * 3);
        // Growing after the first readings cannot raise the least one.
        var grown = new byte[64 << 20];
        Array.Fill(grown, (byte)1);
        await Task.Delay(ResidentMemorySampler.Interval * 2);
        long[] least = await sampler.StopAsync();
        long now = ProcessStats.Read(pid).ResidentBytes;
        Assert.Equal(2, least.Length);
        Assert.All(least, l => Assert.InRange(l, 1, now - (32 << 20)));
        Assert.True(sampler.Samples >= 4, $"{sampler.Samples} readings");
        GC.KeepAlive(grown);
    }
}
