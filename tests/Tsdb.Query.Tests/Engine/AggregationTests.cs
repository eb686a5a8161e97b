namespace Tsdb.Query.Tests.Engine;

public sealed class AggregationTests : EngineTestBase
{
    private static readonly Storage.Head Data = Load("""
        load 1m
        http{job="api", instance="1"} 1
        http{job="api", instance="2"} 3
        http{job="api", instance="3"} 8
        http{job="db", instance="1"} 4
        http{job="db", instance="2"} 4
        """);

    [Theory]
    [InlineData("sum by (job) (http)", "{job=\"api\"}", 12)]
    [InlineData("sum(http)", "{}", 20)]
    [InlineData("sum without (instance) (http)", "{job=\"db\"}", 8)]
    [InlineData("avg by (job) (http)", "{job=\"api\"}", 4)]
    [InlineData("count by (job) (http)", "{job=\"api\"}", 3)]
    [InlineData("min by (job) (http)", "{job=\"api\"}", 1)]
    [InlineData("max by (job) (http)", "{job=\"api\"}", 8)]
    [InlineData("group by (job) (http)", "{job=\"api\"}", 1)]
    [InlineData("stdvar by (job) (http)", "{job=\"api\"}", 26.0 / 3)]
    [InlineData("stddev by (job) (http)", "{job=\"db\"}", 0)]
    [InlineData("quantile by (job) (0.5, http)", "{job=\"api\"}", 3)]
    [InlineData("quantile by (job) (0.75, http)", "{job=\"api\"}", 5.5)]
    [InlineData("quantile(2, http)", "{}", double.PositiveInfinity)]
    [InlineData("count_values(\"v\", http)", "{v=\"4\"}", 2)]
    [InlineData("count_values by (job) (\"v\", http)", "{job=\"api\", v=\"8\"}", 1)]
    [InlineData("topk by (job) (1, http)", "http{instance=\"3\", job=\"api\"}", 8)]
    [InlineData("bottomk(1, http)", "http{instance=\"1\", job=\"api\"}", 1)]
    public void Aggregates(string query, string labels, double expected) =>
        Near(expected, InstantVector(Data, query, 0)[labels]);

    [Fact]
    public void TopkOrdersEachGroupBestFirst()
    {
        var v = Assert.IsType<Tsdb.Query.Engine.Vector>(Engine.Instant(Data, "topk(3, http)", 0, CancellationToken.None).Value);
        Assert.Equal([8.0, 4, 4], v.Samples.Select(s => s.F));
        var b = Assert.IsType<Tsdb.Query.Engine.Vector>(Engine.Instant(Data, "bottomk(2, http)", 0, CancellationToken.None).Value);
        Assert.Equal([1.0, 3], b.Samples.Select(s => s.F));
    }

    [Fact]
    public void AvgOfInfinitiesOfOneSignStaysInfinite()
    {
        var data = Load("""
            load 1m
            x{a="1"} Inf
            x{a="2"} 5
            x{a="3"} Inf
            """);
        Assert.Equal(double.PositiveInfinity, InstantVector(data, "avg(x)", 0)["{}"]);
    }

    [Fact]
    public void TopkWithZeroIsEmptyAndCountValuesNeedsAValidLabel()
    {
        Assert.Empty(InstantVector(Data, "topk(0, http)", 0));
        Assert.Equal("invalid label name \"1x\"", Fails(Data, "count_values(\"1x\", http)", 0).Message);
    }
}
