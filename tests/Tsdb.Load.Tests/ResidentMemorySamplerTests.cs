using Tsdb.Load.Systems;

namespace Tsdb.Load.Tests;

public class ResidentMemorySamplerTests
{
    [Fact]
    public async Task ReadsEachProcessUntilStopped()
    {
        int pid = Environment.ProcessId;
        var sampler = new ResidentMemorySampler([pid, pid]);
        await Task.Delay(ResidentMemorySampler.Interval * 3);
        var grown = new byte[64 << 20];
        Array.Fill(grown, (byte)1);
        await Task.Delay(ResidentMemorySampler.Interval * 2);
        var readings = await sampler.StopAsync();
        long now = ProcessStats.Read(pid).ResidentBytes;
        Assert.Equal(2, readings.Length);
        Assert.All(readings, r => Assert.True(r.Count >= 4, $"{r.Count} readings"));
        // The first readings came before the growth, the last one after it.
        Assert.All(readings, r => Assert.InRange(r[0], 1, now - (32 << 20)));
        Assert.All(readings, r => Assert.InRange(r[^1], r[0] + (32 << 20), long.MaxValue));
        GC.KeepAlive(grown);
    }
}
