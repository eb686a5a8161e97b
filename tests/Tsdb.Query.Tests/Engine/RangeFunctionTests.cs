namespace Tsdb.Query.Tests.Engine;

public sealed class RangeFunctionTests : EngineTestBase
{
    private static readonly Storage.Head Data = Load("""
        load 1m
        metric{a="1"} 0+10x10
        counter{a="1"} 0 10 20 5 15
        gauge{a="1"} 10 20 30
        values{a="1"} 1 5 3 2
        flat{a="1"} 3 3 3
        """);

    [Theory]
    [InlineData("rate(metric[5m])", 10, 50.0 / 300)]
    [InlineData("increase(counter[4m])", 4, 35)]               // the reset from 20 to 5 adds 20
    [InlineData("delta(gauge[3m])", 2.5, 30)]                  // 20 over 2m, extrapolated 30s at each edge
    [InlineData("increase(metric[150s])", 10, 25)]             // 20 over 2m extrapolated by 15s at the start only
    [InlineData("irate(counter[4m])", 4, 10.0 / 60)]
    [InlineData("irate(counter[4m])", 3, 5.0 / 60)]            // counter reset: the new value is the increase
    [InlineData("idelta(counter[4m])", 3, -15)]
    [InlineData("deriv(metric[5m])", 10, 10.0 / 60)]
    [InlineData("predict_linear(metric[5m], 60)", 10, 110)]
    [InlineData("holt_winters(values[2m], 0.5, 0.5)", 2, 6)]       // s=1,b=4 → s=5 → s=0.5·3+0.5·(5+4)
    [InlineData("changes(counter[4m])", 4, 4)]
    [InlineData("resets(counter[4m])", 4, 1)]
    [InlineData("avg_over_time(values[3m])", 3, 2.75)]
    [InlineData("min_over_time(values[3m])", 3, 1)]
    [InlineData("max_over_time(values[3m])", 3, 5)]
    [InlineData("sum_over_time(values[3m])", 3, 11)]
    [InlineData("count_over_time(values[3m])", 3, 4)]
    [InlineData("last_over_time(values[3m])", 3, 2)]
    [InlineData("present_over_time(values[3m])", 3, 1)]
    [InlineData("quantile_over_time(0.5, values[3m])", 3, 2.5)]
    [InlineData("stdvar_over_time(values[3m])", 3, 2.1875)]
    [InlineData("stddev_over_time(values[3m])", 3, 1.479019945774904)]
    [InlineData("deriv(flat[2m])", 2, 0)]
    public void ComputesOverTheWindow(string query, double minutes, double expected) =>
        Near(expected, InstantScalarOrSingle(Data, query, (long)(minutes * Minute)));

    [Fact]
    public void RateNeedsTwoSamples() => Assert.Empty(InstantVector(Data, "rate(metric[30s])", 10 * Minute));

    [Fact]
    public void RangeFunctionsDropTheNameButLastOverTimeKeepsIt()
    {
        Assert.Contains("{a=\"1\"}", InstantVector(Data, "sum_over_time(values[3m])", 3 * Minute).Keys);
        Assert.Contains("values{a=\"1\"}", InstantVector(Data, "last_over_time(values[3m])", 3 * Minute).Keys);
    }

    [Fact]
    public void AbsentOverTimeFillsTheStepsWithoutData()
    {
        var m = RangeMatrix(Data, "absent_over_time(gauge{a=\"1\", b=~\"x|\"}[1m])", 0, 6 * Minute, Minute);
        var series = Assert.Single(m);
        Assert.Equal("{a=\"1\"}", series.Key);
        Assert.Equal([4 * Minute, 5 * Minute, 6 * Minute], series.Value.Select(p => p.T));
    }

    [Fact]
    public void HoltWintersRejectsFactorsOutsideTheOpenUnitInterval()
    {
        var e = Fails(Data, "holt_winters(values[3m], 1, 0.5)", 3 * Minute);
        Assert.Equal("invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000", e.Message);
    }

    [Fact]
    public void RangeQueryOfRateUsesOnePassOverTheSeries()
    {
        var m = RangeMatrix(Data, "rate(metric[2m])", 2 * Minute, 10 * Minute, 2 * Minute);
        Assert.All(m["{a=\"1\"}"], p => Near(10.0 / 60, p.F));
        Assert.Equal(5, m["{a=\"1\"}"].Count);
    }
}
