using Tsdb.Query.Engine;

namespace Tsdb.Query.Tests.Engine;

/// <summary>Behaviours found by comparing answers with Prometheus 2.42 where Go's libraries differ from .NET's.</summary>
public sealed class GoCompatibilityTests : EngineTestBase
{
    private static readonly Storage.Head Data = Load("""
        load 1m
        m{a="api", b="line1\nline2", c="héllo x"} 1
        nan_value NaN
        inf_value Inf
        tie{i="1"} 759.5
        tie{i="2"} 1193.5
        tie{i="3"} 1627.5
        tie{i="4"} 298
        tie{i="5"} 759.5
        tie{i="6"} 1844.5
        tie{i="7"} 868
        tie{i="8"} 88
        """);

    /// <summary>
    /// Which of two equal values bottomk (topk) keeps follows from Go's heap moves: a better sample pops the
    /// root and is pushed. Here the first 759.5 sits at the root when 88 arrives and is the one dropped.
    /// </summary>
    [Theory]
    [InlineData("bottomk(3, tie)")]
    [InlineData("topk(3, -tie)")]
    public void TiesAreBrokenByGoHeapMoves(string query)
    {
        var kept = InstantVector(Data, query, 0).Keys.Select(k => k[(k.IndexOf("i=\"", StringComparison.Ordinal) + 3)..][..1]).Order();
        Assert.Equal(["4", "5", "8"], kept);
    }

    /// <summary>
    /// Go turns NaN and ±Inf into the smallest int64, and its time package then wraps around in unsigned
    /// arithmetic: the calendar fields are not those of the proleptic calendar at that second.
    /// </summary>
    [Theory]
    [InlineData("minute", 30)]
    [InlineData("hour", 15)]
    [InlineData("day_of_week", 0)]
    [InlineData("year", 292277026596)]
    [InlineData("month", 12)]
    [InlineData("day_of_month", 4)]
    [InlineData("day_of_year", 339)]
    [InlineData("days_in_month", 31)]
    public void CalendarFieldsOfNaNWrapAsInGo(string function, double expected)
    {
        Near(expected, InstantScalarOrSingle(Data, $"{function}(nan_value)", 0));
        Near(expected, InstantScalarOrSingle(Data, $"{function}(inf_value)", 0));
    }

    [Theory]
    [InlineData("day_of_week(vector(-86400))", 3)]           // 1969-12-31, a Wednesday
    [InlineData("year(vector(-1))", 1969)]
    [InlineData("day_of_year(vector(951782400))", 60)]       // 2000-02-29
    [InlineData("days_in_month(vector(951782400))", 29)]
    [InlineData("month(vector(4107542400))", 3)]             // 2100-03-01, 2100 not a leap year
    [InlineData("days_in_month(vector(4105123200))", 28)]    // 2100-02-01
    public void CalendarFieldsOfOrdinaryTimes(string query, double expected) => Near(expected, InstantScalarOrSingle(Data, query, 0));

    [Fact]
    public void LabelReplaceAcceptsRe2NamedGroups()
    {
        var v = InstantVector(Data, "label_replace(m, \"dst\", \"${name}!\", \"a\", \"(?P<name>a.)i\")", 0);
        Assert.Contains(v.Keys, k => k.Contains("dst=\"ap!\"", StringComparison.Ordinal));
    }

    [Fact]
    public void LabelReplaceDollarDoesNotMatchBeforeAFinalNewline()
    {
        var v = InstantVector(Data, "label_replace(m, \"dst\", \"$1\", \"b\", \"(line1)$\")", 0);
        Assert.DoesNotContain(v.Keys, k => k.Contains("dst=", StringComparison.Ordinal));
        var multi = InstantVector(Data, "label_replace(m, \"dst\", \"$1\", \"b\", \"(line1)\\\\nline2\")", 0);
        Assert.Contains(multi.Keys, k => k.Contains("dst=\"line1\"", StringComparison.Ordinal));
    }

    [Fact]
    public void PerlClassesAreAsciiOnly()
    {
        var v = InstantVector(Data, "label_replace(m, \"dst\", \"$1\", \"c\", \"(\\\\w+) x\")", 0);
        Assert.DoesNotContain(v.Keys, k => k.Contains("dst=", StringComparison.Ordinal));
        Assert.Single(InstantVector(Data, "m{c=~\"h\\\\W+llo\\\\sx\"}", 0));
        Assert.Empty(InstantVector(Data, "m{c=~\"\\\\w+\\\\s\\\\w\"}", 0));
    }
}
