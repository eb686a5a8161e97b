using Tsdb.Load.Queries;

namespace Tsdb.Load.Tests;

public class MidMeanTests
{
    [Fact]
    public void MeansTheMiddleHalf()
    {
        Assert.Equal(4.5, MidMean.Of([100, 1, 4, 5, 3, 6, 0, 7]));
        // Fewer than four values: nothing is left out.
        Assert.Equal(2, MidMean.Of([1, 2, 3]));
    }

    [Fact]
    public void MovesLittleWhereTheMedianJumpsBetweenTwoGroups()
    {
        // Thirteen rounds, a collection slowing some of them from 100 to 200: one round more in the slow group
        // moves the median from one group to the other.
        double[] sixSlow = [.. Enumerable.Repeat(100.0, 7), .. Enumerable.Repeat(200.0, 6)];
        double[] sevenSlow = [.. Enumerable.Repeat(100.0, 6), .. Enumerable.Repeat(200.0, 7)];
        Assert.Equal(100, Percentiles.Of(sixSlow, 50));
        Assert.Equal(200, Percentiles.Of(sevenSlow, 50));
        Assert.InRange(MidMean.Of(sevenSlow) / MidMean.Of(sixSlow), 1, 1.2);
    }

    [Fact]
    public void RefusesNoValues()
    {
        Assert.Throws<ArgumentException>(() => MidMean.Of([]));
    }
}
