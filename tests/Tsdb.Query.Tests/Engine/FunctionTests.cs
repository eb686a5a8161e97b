using Tsdb.Query.Engine;

namespace Tsdb.Query.Tests.Engine;

public sealed class FunctionTests : EngineTestBase
{
    private static readonly Storage.Head Data = Load("""
        load 1m
        m{a="x-1"} -2.5
        m{a="y-2"} 7
        m{a="z-3"} NaN
        b_bucket{le="0.1"} 1
        b_bucket{le="1"} 3
        b_bucket{le="+Inf"} 4
        nm_bucket{le="1"} 5
        nm_bucket{le="2"} 4
        nm_bucket{le="+Inf"} 8
        noinf_bucket{le="1"} 5
        """);

    [Theory]
    [InlineData("abs(m{a=\"x-1\"})", 2.5)]
    [InlineData("ceil(m{a=\"x-1\"})", -2)]
    [InlineData("floor(m{a=\"x-1\"})", -3)]
    [InlineData("round(m{a=\"x-1\"})", -2)]           // ties round up
    [InlineData("round(m{a=\"y-2\"}, 5)", 5)]
    [InlineData("sgn(m{a=\"x-1\"})", -1)]
    [InlineData("clamp(m{a=\"y-2\"}, 0, 5)", 5)]
    [InlineData("clamp_min(m{a=\"x-1\"}, 0)", 0)]
    [InlineData("clamp_max(m{a=\"y-2\"}, 1)", 1)]
    [InlineData("sqrt(m{a=\"y-2\"} + 2)", 3)]
    [InlineData("exp(ln(m{a=\"y-2\"}))", 7)]
    [InlineData("log2(m{a=\"y-2\"} + 1)", 3)]
    [InlineData("log10(m{a=\"y-2\"} + 3)", 1)]
    [InlineData("deg(vector(pi()))", 180)]
    [InlineData("rad(vector(180))", Math.PI)]
    [InlineData("scalar(m{a=\"y-2\"})", 7)]
    [InlineData("scalar(m)", double.NaN)]
    [InlineData("vector(3)", 3)]
    [InlineData("time()", 120)]
    [InlineData("histogram_quantile(0.5, b_bucket)", 0.55)]   // rank 2 lies halfway through (0.1, 1]
    [InlineData("histogram_quantile(0.9, b_bucket)", 1)]      // in the +Inf bucket: the highest finite bound
    [InlineData("histogram_quantile(0.5, nm_bucket)", 0.8)]   // counts made monotonic (5, 5, 8): rank 4 is 4/5 into the first bucket
    [InlineData("histogram_quantile(0.5, noinf_bucket)", double.NaN)]
    [InlineData("histogram_quantile(-1, b_bucket)", double.NegativeInfinity)]
    [InlineData("year()", 1970)]
    [InlineData("month(vector(1700000000))", 11)]
    [InlineData("day_of_month(vector(1700000000))", 14)]
    [InlineData("day_of_week(vector(1700000000))", 2)]
    [InlineData("day_of_year(vector(1709251200))", 61)]      // 2024-03-01, a leap year
    [InlineData("days_in_month(vector(1709164800))", 29)]    // 2024-02-29
    [InlineData("hour(vector(1700000000))", 22)]
    [InlineData("minute(vector(1700000000))", 13)]
    public void Computes(string query, double expected) => Near(expected, InstantScalarOrSingle(Data, query, 2 * Minute));

    [Fact]
    public void SortOrdersByValueWithNaNLast()
    {
        var asc = Assert.IsType<Vector>(Engine.Instant(Data, "sort(m)", 0, CancellationToken.None).Value);
        Assert.Equal(["x-1", "y-2", "z-3"], asc.Samples.Select(s => s.Metric.Get("a")));
        var desc = Assert.IsType<Vector>(Engine.Instant(Data, "sort_desc(m)", 0, CancellationToken.None).Value);
        Assert.Equal(["y-2", "x-1", "z-3"], desc.Samples.Select(s => s.Metric.Get("a")));
    }

    [Fact]
    public void LabelReplaceExpandsGoTemplates()
    {
        var v = InstantVector(Data, "label_replace(m, \"dst\", \"$2-${1}x$$\", \"a\", \"(.)-(.*)\")", 0);
        Assert.Equal(7, v["m{a=\"y-2\", dst=\"2-yx$\"}"]);
        var unmatched = InstantVector(Data, "label_replace(m, \"dst\", \"v\", \"a\", \"nothing\")", 0);
        Assert.Contains("m{a=\"y-2\"}", unmatched.Keys);
        Assert.Equal("invalid destination label name in label_replace(): 1bad",
            Fails(Data, "label_replace(m, \"1bad\", \"v\", \"a\", \".*\")", 0).Message);
    }

    [Fact]
    public void LabelJoinJoinsSourceValues()
    {
        var v = InstantVector(Data, "label_join(m{a=\"y-2\"}, \"dst\", \",\", \"a\", \"missing\", \"a\")", 0);
        Assert.Equal(7, v["m{a=\"y-2\", dst=\"y-2,,y-2\"}"]);
    }

    [Fact]
    public void AbsentReportsEqualityMatchersOnly()
    {
        Assert.Equal(1, InstantVector(Data, "absent(nope{job=\"x\", env=~\"p.*\"})", 0)["{job=\"x\"}"]);
        Assert.Equal(1, InstantVector(Data, "absent(nope{job=\"x\", job=\"y\"})", 0)["{}"]);
        Assert.Empty(InstantVector(Data, "absent(m)", 0));
    }

    [Fact]
    public void SimpleFunctionsDropTheName() =>
        Assert.Contains("{a=\"y-2\"}", InstantVector(Data, "abs(m)", 0).Keys);
}
