using Tsdb.Query.Engine;

namespace Tsdb.Query.Tests.Engine;

public sealed class SelectorTests : EngineTestBase
{
    private static readonly Storage.Head Data = Load("""
        load 1m
        metric{a="1"} 0+10x10
        flaky{a="1"} 1 2 stale _ 5
        """);

    [Theory]
    [InlineData(5 * Minute, 50)]
    [InlineData(5 * Minute + 30_000, 50)]
    [InlineData(15 * Minute, 100)] // newest sample sits exactly at the left edge of the lookback window
    public void InstantSelectorTakesNewestSampleWithinLookback(long t, double expected) =>
        Assert.Equal(expected, InstantVector(Data, "metric", t)["metric{a=\"1\"}"]);

    [Fact]
    public void InstantSelectorIsEmptyPastTheLookback() =>
        Assert.Empty(InstantVector(Data, "metric", 15 * Minute + 1));

    [Fact]
    public void StalenessMarkerHidesOlderSamples()
    {
        Assert.Equal(2, InstantVector(Data, "flaky", 90_000)["flaky{a=\"1\"}"]);
        Assert.Empty(InstantVector(Data, "flaky", 2 * Minute));
        Assert.Empty(InstantVector(Data, "flaky", 3 * Minute + 30_000));
        Assert.Equal(5, InstantVector(Data, "flaky", 4 * Minute)["flaky{a=\"1\"}"]);
    }

    [Theory]
    [InlineData("metric offset 1m", 40)]
    [InlineData("metric offset -1m", 60)]
    [InlineData("metric @ 120", 20)]
    [InlineData("metric @ 120 offset 1m", 10)]
    [InlineData("metric @ end()", 50)]
    public void OffsetAndAtMoveTheReadTime(string query, double expected) =>
        Assert.Equal(expected, InstantVector(Data, query, 5 * Minute)["metric{a=\"1\"}"]);

    [Fact]
    public void MatrixSelectorIncludesTheLeftEdgeAndDropsStaleMarkers()
    {
        var m = Assert.IsType<Matrix>(Engine.Instant(Data, "metric[2m]", 5 * Minute, CancellationToken.None).Value);
        Assert.Equal([3 * Minute, 4 * Minute, 5 * Minute], m.Series.Single().Points.Select(p => p.T));
        var flaky = Assert.IsType<Matrix>(Engine.Instant(Data, "flaky[5m]", 4 * Minute, CancellationToken.None).Value);
        Assert.Equal([1.0, 2, 5], flaky.Series.Single().Points.Select(p => p.F));
    }

    [Fact]
    public void RangeQueryEvaluatesEveryStep()
    {
        var m = RangeMatrix(Data, "metric", 0, 10 * Minute, 5 * Minute);
        Assert.Equal([0.0, 50, 100], m["metric{a=\"1\"}"].Select(p => p.F));
        Assert.Equal([0L, 5 * Minute, 10 * Minute], m["metric{a=\"1\"}"].Select(p => p.T));
    }

    [Fact]
    public void AtStartPinsEveryStepToTheQueryStart()
    {
        var m = RangeMatrix(Data, "metric @ start()", 2 * Minute, 6 * Minute, 2 * Minute);
        Assert.Equal([20.0, 20, 20], m["metric{a=\"1\"}"].Select(p => p.F));
    }

    [Theory]
    [InlineData("sum_over_time(metric[3m:1m])", 10 * Minute, 340)]       // steps 7m, 8m, 9m, 10m
    [InlineData("sum_over_time(metric[4m:2m])", 10 * Minute, 240)]       // steps 6m, 8m, 10m
    [InlineData("sum_over_time(metric[3m:1m])", 10 * Minute + 30_000, 270)] // steps aligned to whole minutes: 8m, 9m, 10m
    [InlineData("max_over_time(metric[5m:])", 10 * Minute, 100)]         // default step is the evaluation interval
    [InlineData("sum_over_time(metric[2m:1m] offset 1m)", 10 * Minute, 240)]
    [InlineData("sum_over_time(rate(metric[2m])[2m:1m])", 10 * Minute, 0.5)]
    public void SubqueriesAlignTheirStepsToAbsoluteTime(string query, long t, double expected) =>
        Near(expected, InstantScalarOrSingle(Data, query, t));

    [Fact]
    public void InstantSubqueryReturnsItsSteps()
    {
        var m = Assert.IsType<Matrix>(Engine.Instant(Data, "metric[2m:1m]", 5 * Minute, CancellationToken.None).Value);
        Assert.Equal([30.0, 40, 50], m.Series.Single().Points.Select(p => p.F));
    }

    [Fact]
    public void TimestampOfASelectorIsTheSampleTime()
    {
        Assert.Equal(300, InstantVector(Data, "timestamp(metric)", 5 * Minute + 30_000)["{a=\"1\"}"]);
        Assert.Equal(330, InstantVector(Data, "timestamp(metric + 0)", 5 * Minute + 30_000)["{a=\"1\"}"]);
    }
}
