using Tsdb.Query.Engine;

namespace Tsdb.Query.Tests.Engine;

public sealed class LimitTests : EngineTestBase
{
    private static readonly Storage.Head Data = Load("""
        load 1m
        metric{a="1"} 0+1x100
        metric{a="2"} 0+1x100
        """);

    [Fact]
    public void TooManySamplesFailsWithAnExecutionError()
    {
        var engine = new PromQLEngine(new EngineOptions { MaxSamples = 50 });
        var e = Assert.Throws<QueryException>(() => engine.Range(Data, "metric", 0, 60 * Minute, Minute, CancellationToken.None));
        Assert.Equal(QueryErrorType.Execution, e.ErrorType);
        Assert.Equal("query processing would load too many samples into memory in query execution", e.Message);
        Assert.IsType<Matrix>(engine.Range(Data, "metric", 0, 20 * Minute, Minute, CancellationToken.None).Value);
    }

    [Fact]
    public void CanceledQueryReportsCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var e = Assert.Throws<QueryException>(() => Engine.Instant(Data, "metric", 0, cts.Token));
        Assert.Equal(QueryErrorType.Canceled, e.ErrorType);
    }

    [Fact]
    public void ExpiredTimeoutReportsTimeout()
    {
        var engine = new PromQLEngine(new EngineOptions { Timeout = TimeSpan.FromTicks(1) });
        var e = Assert.Throws<QueryException>(() => engine.Range(Data, "sum_over_time(metric[10m:1s])", 0, 100 * Minute, 1000, CancellationToken.None));
        Assert.Equal(QueryErrorType.Timeout, e.ErrorType);
        Assert.Equal("query timed out in expression evaluation", e.Message);
    }

    [Fact]
    public void ResolutionIsLimitedTo11000PointsPerSeries()
    {
        PromQLEngine.ValidateRange(0, 11_000, 1);
        var e = Assert.Throws<QueryException>(() => PromQLEngine.ValidateRange(0, 11_001, 1));
        Assert.Equal(QueryErrorType.BadData, e.ErrorType);
        Assert.StartsWith("exceeded maximum resolution of 11,000 points per timeseries", e.Message);
    }

    [Fact]
    public void RangeQueryRejectsRangeVectorsAndParseErrorsAreBadData()
    {
        var e = Assert.Throws<QueryException>(() => Engine.Range(Data, "metric[5m]", 0, Minute, Minute, CancellationToken.None));
        Assert.Equal("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector", e.Message);
        Assert.Equal(QueryErrorType.BadData, Fails(Data, "sum(", 0).ErrorType);
    }

    [Fact]
    public void DuplicateLabelSetsAfterDroppingTheNameFail()
    {
        var data = Load("""
            load 1m
            x{a="1"} 1
            y{a="1"} 2
            """);
        Assert.Equal("vector cannot contain metrics with the same labelset", Fails(data, "abs({a=\"1\"})", 0).Message);
    }
}
