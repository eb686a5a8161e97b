using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Tsdb.Storage.Tests.Matching;

public class MatcherTests
{
    [Theory]
    [InlineData(MatchType.Equal, "api", "api", true)]
    [InlineData(MatchType.Equal, "api", "apix", false)]
    [InlineData(MatchType.NotEqual, "api", "", true)]
    [InlineData(MatchType.Regex, "ap.", "api", true)]
    [InlineData(MatchType.Regex, "ap", "api", false)] // anchored at the end
    [InlineData(MatchType.Regex, "pi", "api", false)] // anchored at the start
    [InlineData(MatchType.Regex, "a|b", "ab", false)] // anchoring wraps the whole alternation
    [InlineData(MatchType.Regex, ".*", "", true)]
    [InlineData(MatchType.Regex, ".+", "", false)]
    [InlineData(MatchType.Regex, ".*", "a\nb", false)] // '.' does not match a newline, as in Go
    [InlineData(MatchType.NotRegex, "api|db", "web", true)]
    [InlineData(MatchType.NotRegex, "api|db", "db", false)]
    [InlineData(MatchType.Regex, "api|", "", true)]
    [InlineData(MatchType.Regex, "[ab]", "a\n", false)] // no match before a trailing newline, as in Go
    [InlineData(MatchType.Regex, "host-1.*", "host-10:9100", true)]
    [InlineData(MatchType.Regex, "host-1.*", "xhost-1", false)]
    public void MatchesWithPrometheusSemantics(MatchType type, string pattern, string value, bool expected)
    {
        Assert.Equal(expected, Matcher.Create(type, "l", pattern).Matches(value));
    }

    [Fact]
    public void InvalidRegexNamesThePattern()
    {
        var error = Assert.Throws<ArgumentException>(() => Matcher.Regex("job", "a(b"));
        Assert.Equal("error parsing regexp: missing closing ): `^(?:a(b)$`", error.Message);
    }

    [Fact]
    public void LiteralAlternationsAreLookedUpAsSets()
    {
        Assert.Equal(["api", "db"], Matcher.Regex("job", "api|db").SetMatches);
        Assert.Null(Matcher.Regex("job", "ap.|db").SetMatches);
        Assert.Null(Matcher.NotRegex("job", "api|db").SetMatches);
        Assert.Equal(["x"], Matcher.Equal("job", "x").SetMatches);
    }

    [Fact]
    public void ShortcutsAgreeWithTheRegexEngine()
    {
        var patterns = Gen.Elements(".*", ".+", "a.*", "ab|c", "a|", "x-1.*", "abc", "");
        var values = Gen.ListOf(Gen.Elements('a', 'b', 'c', 'x', '-', '1', '\n')).Select(cs => new string([.. cs]));
        Prop.ForAll(patterns.ToArbitrary(), values.ToArbitrary(), (pattern, value) =>
        {
            bool expected = Regex.IsMatch(value, "^(?:" + pattern + ")\\z");
            return Matcher.Regex("l", pattern).Matches(value) == expected &&
                   Matcher.NotRegex("l", pattern).Matches(value) == !expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void InverseRejectsExactlyWhatTheMatcherAccepts()
    {
        var matchers = Gen.Elements(
            Matcher.Equal("l", "a"), Matcher.NotEqual("l", ""), Matcher.Regex("l", "a.*"), Matcher.NotRegex("l", "b|"));
        var values = Gen.Elements("", "a", "ab", "b", "c");
        Prop.ForAll(matchers.ToArbitrary(), values.ToArbitrary(),
            (m, v) => m.Inverse().Matches(v) == !m.Matches(v)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RendersAsPrometheusDoes()
    {
        Assert.Equal("job=~\"a\\\"b\"", Matcher.Regex("job", "a\"b").ToString());
        Assert.Equal("job!=\"x\"", Matcher.NotEqual("job", "x").ToString());
    }
}
