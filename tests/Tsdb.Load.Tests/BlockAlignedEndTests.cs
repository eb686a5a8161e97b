using FsCheck;
using FsCheck.Fluent;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Tests;

public class BlockAlignedEndTests
{
    private const long TwoHoursMs = 2 * 3600 * 1000;

    [Fact]
    public void EndsOneIntervalBeforeTheLatestMultipleOfTwoHours()
    {
        long boundary = 1_700_000_000_000 - 1_700_000_000_000 % TwoHoursMs;
        Assert.Equal(boundary - 15_000, BlockAlignedEnd.Before(boundary + 1, 15));
        Assert.Equal(boundary - 15_000, BlockAlignedEnd.Before(boundary, 15));
        Assert.Equal(boundary - 15_000, BlockAlignedEnd.Before(boundary + TwoHoursMs - 1, 15));
    }

    [Fact]
    public void AWorkloadEndingThereDoesNotCrossABlockBoundaryWithinTwoHours()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Elements(5, 10, 15, 30, 60).ToArbitrary(), (seconds, interval) =>
        {
            long now = 1_600_000_000_000 + seconds * 1000L;
            long end = BlockAlignedEnd.Before(now, interval);
            long earliest = end - TwoHoursMs + interval * 1000L;
            return end <= now
                && now - end <= TwoHoursMs + interval * 1000L
                && end % (interval * 1000L) == 0
                && end / TwoHoursMs == earliest / TwoHoursMs;
        }).QuickCheckThrowOnFailure();
    }
}
