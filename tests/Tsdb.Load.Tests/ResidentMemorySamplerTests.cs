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
        Assert.Equal(2, readings.Length);
        Assert.All(readings, r => Assert.True(r.Count >= 4, $"{r.Count} readings"));
        // Other tests share this process and its collector may give memory back at any time, so only the growth
        // this test holds is certain: the last reading, taken after the array was filled, includes its 64 MiB.
        Assert.All(readings, r => Assert.All(r, reading => Assert.True(reading > 0)));
        Assert.All(readings, r => Assert.InRange(r[^1], 64L << 20, long.MaxValue));
        GC.KeepAlive(grown);
    }
}
