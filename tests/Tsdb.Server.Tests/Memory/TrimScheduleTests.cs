using FsCheck;
using FsCheck.Fluent;
using Tsdb.Server.Memory;

namespace Tsdb.Server.Tests.Memory;

public sealed class TrimScheduleTests
{
    private const long MiB = 1 << 20;
    private static readonly TimeSpan Tick = HeapTrimmer.Tick;

    [Fact]
    public void ABusyServerIsNeverTrimmed()
    {
        var schedule = new TrimSchedule(allocatedBytes: 0, heapBytes: 50 * MiB);
        long allocated = 0;
        for (int tick = 1; tick <= 10_000; tick++)
        {
            allocated += TrimSchedule.QuietBytesPerTick + 1;
            Assert.False(schedule.IsDue(allocated, tick * Tick), $"tick {tick} allocated more than a quiet tick");
        }
    }

    [Fact]
    public void AQuietTickAfterABurstTrimsOnce()
    {
        var schedule = new TrimSchedule(allocatedBytes: 0, heapBytes: 50 * MiB);
        Assert.False(schedule.IsDue(30 * MiB, 1 * Tick), "the burst's own tick is not quiet");
        Assert.True(schedule.IsDue(30 * MiB, 2 * Tick), "a quiet tick after 30 MiB, more than half the 50 MiB heap");
        schedule.Trimmed(30 * MiB, heapBytes: 40 * MiB, 2 * Tick, pause: TimeSpan.FromMilliseconds(1));
        for (int tick = 3; tick < 100; tick++)
            Assert.False(schedule.IsDue(30 * MiB, tick * Tick), "nothing allocated since the trim");
    }

    [Fact]
    public void ATrimWaitsUntilHalfTheHeapWasAllocated()
    {
        var schedule = new TrimSchedule(allocatedBytes: 0, heapBytes: 100 * MiB);
        schedule.IsDue(40 * MiB, 1 * Tick);
        Assert.False(schedule.IsDue(40 * MiB, 2 * Tick), "40 MiB allocated is less than half the 100 MiB heap");
        schedule.IsDue(50 * MiB, 3 * Tick);
        Assert.True(schedule.IsDue(50 * MiB, 4 * Tick));
    }

    [Fact]
    public void ASmallHeapWaitsForTheMinimumGrowth()
    {
        var schedule = new TrimSchedule(allocatedBytes: 0, heapBytes: 2 * MiB);
        schedule.IsDue(TrimSchedule.MinimumGrowthBytes - 1, 1 * Tick);
        Assert.False(schedule.IsDue(TrimSchedule.MinimumGrowthBytes - 1, 2 * Tick));
        schedule.IsDue(TrimSchedule.MinimumGrowthBytes, 3 * Tick);
        Assert.True(schedule.IsDue(TrimSchedule.MinimumGrowthBytes, 4 * Tick));
    }

    [Fact]
    public void TrimsAreSpacedByAHundredTimesTheLastPause()
    {
        var schedule = new TrimSchedule(allocatedBytes: 0, heapBytes: 10 * MiB);
        schedule.Trimmed(0, heapBytes: 10 * MiB, TimeSpan.Zero, pause: TimeSpan.FromMilliseconds(50));
        schedule.IsDue(100 * MiB, TimeSpan.FromSeconds(1));
        Assert.False(schedule.IsDue(100 * MiB, TimeSpan.FromSeconds(4.75)), "a 50 ms pause keeps the next trim 5 s away");
        Assert.True(schedule.IsDue(100 * MiB, TimeSpan.FromSeconds(5)));
    }

    /// <summary>
    /// Over any sequence of ticks, every trim the schedule asks for follows a quiet tick, half a heap of allocation
    /// and a hundred times the previous trim's pause.
    /// </summary>
    [Fact]
    public void EveryTrimFollowsQuietGrowthAndSpacing()
    {
        var perTick = Gen.OneOf(
            Gen.Constant(0L),
            Gen.Choose(0, (int)TrimSchedule.QuietBytesPerTick).Select(b => (long)b),
            Gen.Choose(1, 64).Select(m => m * MiB));
        var ticks = Gen.ListOf(perTick.Zip(Gen.Choose(1, 200))).Select(l => l.ToArray());
        Prop.ForAll(ticks.ToArbitrary(), ticks =>
        {
            long allocated = 0, allocatedAtTrim = 0, heapAtTrim = 40 * MiB;
            var lastTrim = TimeSpan.MinValue;
            var lastPause = TimeSpan.Zero;
            var schedule = new TrimSchedule(allocated, heapAtTrim);
            for (int i = 0; i < ticks.Length; i++)
            {
                var (bytes, pauseMs) = ticks[i];
                allocated += bytes;
                var now = (i + 1) * Tick;
                if (!schedule.IsDue(allocated, now)) continue;
                if (bytes > TrimSchedule.QuietBytesPerTick) return false;
                if (allocated - allocatedAtTrim < Math.Max(TrimSchedule.MinimumGrowthBytes, heapAtTrim / 2)) return false;
                if (lastTrim != TimeSpan.MinValue && now - lastTrim < lastPause * TrimSchedule.PauseFactor) return false;
                // The trim leaves a heap of some size and pauses for the tick's pause.
                heapAtTrim = allocated % (200 * MiB);
                allocatedAtTrim = allocated;
                lastTrim = now;
                lastPause = TimeSpan.FromMilliseconds(pauseMs);
                schedule.Trimmed(allocated, heapAtTrim, now, lastPause);
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
