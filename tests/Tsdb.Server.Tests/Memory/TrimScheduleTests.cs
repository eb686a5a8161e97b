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
        var schedule = new TrimSchedule(allocatedBytes: 0);
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
        var schedule = new TrimSchedule(allocatedBytes: 0);
        Assert.False(schedule.IsDue(30 * MiB, 1 * Tick), "the burst's own tick is not quiet");
        Assert.True(schedule.IsDue(30 * MiB, 2 * Tick), "a quiet tick after a 30 MiB burst");
        schedule.Trimmed(30 * MiB, 2 * Tick, processorTime: TimeSpan.FromMilliseconds(1));
        for (int tick = 3; tick < 100; tick++)
            Assert.False(schedule.IsDue(30 * MiB, tick * Tick), "nothing allocated since the trim");
    }

    [Fact]
    public void ATrimWaitsForTheMinimumGrowth()
    {
        var schedule = new TrimSchedule(allocatedBytes: 100 * MiB);
        long belowMinimum = 100 * MiB + TrimSchedule.MinimumGrowthBytes - 1;
        schedule.IsDue(belowMinimum, 1 * Tick);
        Assert.False(schedule.IsDue(belowMinimum, 2 * Tick));
        schedule.IsDue(belowMinimum + 1, 3 * Tick);
        Assert.True(schedule.IsDue(belowMinimum + 1, 4 * Tick));
    }

    [Fact]
    public void TrimsAreSpacedByAHundredTimesTheLastOnesProcessorTime()
    {
        var schedule = new TrimSchedule(allocatedBytes: 0);
        schedule.Trimmed(0, TimeSpan.Zero, processorTime: TimeSpan.FromMilliseconds(50));
        schedule.IsDue(100 * MiB, TimeSpan.FromSeconds(1));
        Assert.False(schedule.IsDue(100 * MiB, TimeSpan.FromSeconds(4.75)), "a trim of 50 ms keeps the next one 5 s away");
        Assert.True(schedule.IsDue(100 * MiB, TimeSpan.FromSeconds(5)));
    }

    /// <summary>
    /// Over any sequence of ticks, every trim the schedule asks for follows a quiet tick, the minimum growth and a
    /// hundred times the previous trim's processor time; and a quiet tick after enough growth and time is never passed over.
    /// </summary>
    [Fact]
    public void TrimsComeExactlyWhenQuietGrowthAndSpacingHold()
    {
        var perTick = Gen.OneOf(
            Gen.Constant(0L),
            Gen.Choose(0, (int)TrimSchedule.QuietBytesPerTick).Select(b => (long)b),
            Gen.Choose(1, 64).Select(m => m * MiB));
        var ticks = Gen.ListOf(perTick.Zip(Gen.Choose(1, 200))).Select(l => l.ToArray());
        Prop.ForAll(ticks.ToArbitrary(), ticks =>
        {
            long allocated = 0, allocatedAtTrim = 0;
            var earliestNext = TimeSpan.Zero;
            var schedule = new TrimSchedule(allocated);
            for (int i = 0; i < ticks.Length; i++)
            {
                var (bytes, costMs) = ticks[i];
                allocated += bytes;
                var now = (i + 1) * Tick;
                bool expected = bytes <= TrimSchedule.QuietBytesPerTick
                                && allocated - allocatedAtTrim >= TrimSchedule.MinimumGrowthBytes
                                && now >= earliestNext;
                if (schedule.IsDue(allocated, now) != expected) return false;
                if (!expected) continue;
                // The trim takes the tick's processor time.
                var cost = TimeSpan.FromMilliseconds(costMs);
                allocatedAtTrim = allocated;
                earliestNext = now + cost * TrimSchedule.SpacingFactor;
                schedule.Trimmed(allocated, now, cost);
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
