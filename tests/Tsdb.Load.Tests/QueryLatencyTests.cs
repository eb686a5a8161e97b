using Tsdb.Load.Queries;

namespace Tsdb.Load.Tests;

public class QueryLatencyTests
{
    private static readonly DashboardQuery Query = new("q", "up");

    private static QueryLatency Latency(params double[][] msPerRoundAndInstance) =>
        new(Query, 1, msPerRoundAndInstance.Select(round => (IReadOnlyList<TimeSpan>)round.Select(TimeSpan.FromMilliseconds).ToArray()).ToArray());

    [Fact]
    public void ARoundsLatencyIsTheMeanOverTheInstances()
    {
        var latency = Latency([10, 30], [12, 12], [40, 20]);
        Assert.Equal([TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(12), TimeSpan.FromMilliseconds(30)], latency.RoundLatencies);
        Assert.Equal(TimeSpan.FromMilliseconds(20), latency.Median);
        Assert.Equal(TimeSpan.FromMilliseconds(30), latency.P90);
        Assert.Equal(3, latency.Rounds);
    }

    [Fact]
    public void OneInstanceSlowOnEveryRoundDoesNotMakeTheMedianJump()
    {
        // One instance always 10 ms, the other always 30 ms: pooled, the median would be either, depending on
        // which of the two values the middle rank falls on; per round, every round says 20.
        var latency = Latency([10, 30], [30, 10], [10, 30], [30, 10]);
        Assert.All(latency.RoundLatencies, l => Assert.Equal(TimeSpan.FromMilliseconds(20), l));
        Assert.Equal(TimeSpan.FromMilliseconds(20), latency.Median);
    }

    [Fact]
    public void TheRatioIsTakenWithinEachRoundSoASlowRoundCancelsOut()
    {
        // The machine is twice as slow in the last two rounds; ours takes half the other's time but in the
        // second round, when something slowed ours alone.
        var ours = Latency([10], [16], [20], [20]);
        var other = Latency([20], [20], [40], [40]);
        Assert.Equal(0.5, QueryLatency.MidMeanRatio(ours, other), 12);
        // The ratio of the two medians takes ours' slow round against the other's fast one.
        Assert.Equal(0.8, ours.Median / other.Median, 12);
    }

    [Fact]
    public void TheRatioIsTheMidMeanOfTheRoundRatios()
    {
        var ours = Latency([10], [10], [10], [10], [10], [10], [10], [10]);
        var other = Latency([100], [20], [40], [10], [5], [50], [25], [1]);
        // Round ratios 0.1, 0.5, 0.25, 1, 2, 0.2, 0.4, 10: the middle half is 0.25, 0.4, 0.5 and 1.
        Assert.Equal((0.25 + 0.4 + 0.5 + 1) / 4, QueryLatency.MidMeanRatio(ours, other), 12);
    }

    [Fact]
    public void OnlyLatenciesOfTheSameRoundsPairUp()
    {
        Assert.Throws<ArgumentException>(() => QueryLatency.MidMeanRatio(Latency([10], [10]), Latency([10])));
    }
}
