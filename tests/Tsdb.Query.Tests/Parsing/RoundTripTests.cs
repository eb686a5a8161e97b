using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Parsing;
using Tsdb.Storage;
using MatchType = Tsdb.Storage.MatchType;

namespace Tsdb.Query.Tests.Parsing;

public class RoundTripTests
{
    [Fact]
    public void Printed_ast_parses_back_to_the_same_ast()
    {
        Prop.ForAll(AstGenerators.Arbitrary(), expr =>
        {
            var text = Printer.Print(expr);
            var parsed = PromQL.Parse(text);
            return AstEquality.Same(expr, parsed).Label(text + "  =>  " + Printer.Print(parsed));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Printing_is_idempotent_through_the_parser()
    {
        Prop.ForAll(AstGenerators.Arbitrary(), expr =>
        {
            var text = Printer.Print(expr);
            return (Printer.Print(PromQL.Parse(text)) == text).Label(text);
        }).QuickCheckThrowOnFailure();
    }

    // Cases the properties once found, kept as fixed examples.

    [Fact]
    public void Explicit_empty_metric_name_matcher_is_printed()
    {
        // {__name__=""} selects only series without a name: dropping it would select far more.
        var selector = new VectorSelector("", [Matcher.Equal("__name__", ""), Matcher.Equal("job", "quote\"d")])
        {
            Offset = -TimeSpan.FromDays(400),
        };

        Assert.Equal("{__name__=\"\",job=\"quote\\\"d\"} offset -400d", Printer.Print(selector));
        AssertRoundTrips(selector);
    }

    [Fact]
    public void Empty_metric_name_matcher_survives_under_an_operator()
    {
        var selector = new VectorSelector("",
        [
            Matcher.Create(MatchType.Regex, "instance", ""), Matcher.Equal("__name__", ""),
            Matcher.Equal("job", "x"), Matcher.Create(MatchType.NotRegex, "sum", "日本"),
        ]) { At = AtModifier.End };

        AssertRoundTrips(new BinaryExpr(Operator.Pow, new NumberLiteral(0.001), selector, null, false));
    }

    [Fact]
    public void Metric_name_is_written_once()
    {
        var selector = new VectorSelector("foo", [Matcher.Equal("job", "x"), Matcher.Equal("__name__", "foo")]);

        Assert.Equal("foo{job=\"x\"}", Printer.Print(selector));
        AssertRoundTrips(selector);
    }

    // Expected values as Prometheus 2.42 gives them (math.Round of seconds * 1000, halves away from zero).
    [Theory]
    [InlineData("121.148", 121_148)]
    [InlineData("-121.148", -121_148)]
    [InlineData("0.0005", 1)]
    [InlineData("1.0049", 1_005)]
    [InlineData("-0.0005", -1)]
    [InlineData("2.0005", 2_001)]
    [InlineData("1e3", 1_000_000)]
    public void At_timestamp_is_rounded_to_the_nearest_millisecond(string seconds, long expectedMs)
    {
        var parsed = Assert.IsType<VectorSelector>(PromQL.Parse("foo @ " + seconds));

        Assert.Equal(AtModifier.Timestamp, parsed.At);
        Assert.Equal(expectedMs, parsed.Timestamp);
    }

    [Fact]
    public void At_timestamp_whose_product_with_1000_is_inexact_round_trips()
    {
        // 121.148 * 1000 is 121147.99999999999 in binary floating point.
        var selector = new VectorSelector("", [Matcher.Equal("a_b", "quote\"d")])
        {
            At = AtModifier.Timestamp, Timestamp = 121_148, Offset = TimeSpan.FromMinutes(1),
        };

        AssertRoundTrips(new Call(Functions.All["scalar"], [selector]));
    }

    [Fact]
    public void Signed_literal_left_of_power_needs_parentheses()
    {
        // Prometheus prints a BinaryExpr without adding parentheses, and unary signs bind looser than '^',
        // so "+Inf ^ 31" means +(Inf ^ 31). The parser never puts a signed literal directly left of '^';
        // only "(+Inf) ^ 31" can express that operand.
        var reparsed = PromQL.Parse(Printer.Print(new BinaryExpr(Operator.Pow, new NumberLiteral(double.PositiveInfinity), new NumberLiteral(31), null, false)));
        var unary = Assert.IsType<UnaryExpr>(reparsed);
        Assert.Equal(Operator.Add, unary.Op);
        Assert.IsType<BinaryExpr>(unary.Operand);

        AssertRoundTrips(new BinaryExpr(Operator.Pow, new ParenExpr(new NumberLiteral(double.PositiveInfinity)), new NumberLiteral(31), null, false));
        AssertRoundTrips(new BinaryExpr(Operator.Pow, new ParenExpr(new NumberLiteral(-2)), new NumberLiteral(2), null, false));
    }

    private static void AssertRoundTrips(Expr expr)
    {
        var text = Printer.Print(expr);
        var parsed = PromQL.Parse(text);
        Assert.True(AstEquality.Same(expr, parsed), text + "  =>  " + Printer.Print(parsed));
        Assert.Equal(text, Printer.Print(parsed));
    }
}
