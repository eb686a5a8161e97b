using Tsdb.Query.Engine;

namespace Tsdb.Query.Tests.Engine;

public sealed class OperatorTests : EngineTestBase
{
    private static readonly Storage.Head Data = Load("""
        load 1m
        a{i="1", x="a"} 1
        a{i="2", x="b"} 2
        b{i="1"} 10
        b{i="2"} 20
        req{i="1", path="/a"} 3
        req{i="1", path="/b"} 4
        info{i="1", ver="v1"} 1
        """);

    [Theory]
    [InlineData("a{i=\"1\"} + 1", "{i=\"1\", x=\"a\"}", 2)]
    [InlineData("2 ^ a{i=\"2\"}", "{i=\"2\", x=\"b\"}", 4)]
    [InlineData("a{i=\"2\"} % 1.5", "{i=\"2\", x=\"b\"}", 0.5)]
    [InlineData("-a{i=\"2\"} % 1.5", "{i=\"2\", x=\"b\"}", -0.5)]
    [InlineData("a > 1", "a{i=\"2\", x=\"b\"}", 2)]
    [InlineData("1 < a", "a{i=\"2\", x=\"b\"}", 2)]          // the vector's value is kept even on the right
    [InlineData("a{i=\"1\"} > bool 1", "{i=\"1\", x=\"a\"}", 0)]
    [InlineData("a{i=\"1\"} >= bool 1", "{i=\"1\", x=\"a\"}", 1)]
    [InlineData("a + on(i) b", "{i=\"1\"}", 11)]
    [InlineData("a + ignoring(x) b", "{i=\"2\"}", 22)]
    [InlineData("a < on(i) b", "{i=\"1\"}", 1)] // on() keeps only its labels, the name too
    [InlineData("req * on(i) group_left(ver) info", "{i=\"1\", path=\"/b\", ver=\"v1\"}", 4)]
    [InlineData("info * on(i) group_right(ver) req", "{i=\"1\", path=\"/a\", ver=\"v1\"}", 3)]
    [InlineData("a and on(i) b", "a{i=\"1\", x=\"a\"}", 1)]
    [InlineData("a unless on(i) b{i=\"1\"}", "a{i=\"2\", x=\"b\"}", 2)]
    [InlineData("a{i=\"1\"} or b", "b{i=\"2\"}", 20)]
    [InlineData("a{i=\"1\"} or on(i) b", "a{i=\"1\", x=\"a\"}", 1)]
    public void VectorOperations(string query, string labels, double expected) =>
        Near(expected, InstantVector(Data, query, 0)[labels]);

    [Theory]
    [InlineData("a{i=\"1\"} or on(i) b", 2)]
    [InlineData("a unless on(i) b", 0)]
    [InlineData("a > 5", 0)]
    [InlineData("a + b", 0)] // no common label sets
    public void ResultSizes(string query, int count) => Assert.Equal(count, InstantVector(Data, query, 0).Count);

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("5 % 3", 2)]
    [InlineData("-5 % 3", -2)]
    [InlineData("1 / 0", double.PositiveInfinity)]
    [InlineData("0 / 0", double.NaN)]
    [InlineData("2 > bool 1", 1)]
    [InlineData("1 atan2 1", Math.PI / 4)]
    [InlineData("5 % 0", double.NaN)]
    [InlineData("(-1) ^ 0.5", double.NaN)]
    public void ScalarArithmetic(string query, double expected)
    {
        var s = Assert.IsType<Scalar>(Engine.Instant(Data, query, 0, CancellationToken.None).Value);
        Near(expected, s.F);
    }

    [Fact]
    public void DuplicateOnTheOneSideIsReported()
    {
        var e = Fails(Data, "b + on(i) req", 0);
        Assert.Equal(QueryErrorType.Execution, e.ErrorType);
        Assert.Equal("found duplicate series for the match group {i=\"1\"} on the right hand-side of the operation: " +
                     "[{__name__=\"req\", i=\"1\", path=\"/b\"}, {__name__=\"req\", i=\"1\", path=\"/a\"}];" +
                     "many-to-many matching not allowed: matching labels must be unique on one side", e.Message);
    }

    [Fact]
    public void OneToOneWithManyOnTheLeftNeedsGroupLeft()
    {
        var e = Fails(Data, "req + on(i) info", 0);
        Assert.Equal("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)", e.Message);
    }

    [Fact]
    public void UnaryMinusDropsTheName() =>
        Assert.Equal(-1, InstantVector(Data, "-a{i=\"1\"}", 0)["{i=\"1\", x=\"a\"}"]);
}
