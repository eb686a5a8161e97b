using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Tsdb.Storage.Tests.Matching;

public sealed class GoRegexSyntaxTests
{
    [Theory]
    [InlineData("(?P<x>a)", "(?<1>a)")]
    [InlineData("(?P<x>a)(b)", "(?<1>a)(?<2>b)")]
    [InlineData("(a)(?:b)(?i)(?P<x>c)", "(?<1>a)(?:b)(?i)(?<2>c)")]
    [InlineData("[(]\\((?P<x>a)", "[(]\\((?<1>a)")]
    [InlineData("\\(?P<x>a\\)", "\\(?P<x>a\\)")]
    [InlineData("[(?P<]x", "[(?P<]x")]
    [InlineData("\\d+", "[0-9]+")]
    [InlineData("\\D", "[^0-9]")]
    [InlineData("[\\w-]", "[0-9A-Za-z_-]")]
    [InlineData("[\\W]", "[\\W]")]
    [InlineData("\\s\\S", "[\\t\\n\\f\\r ][^\\t\\n\\f\\r ]")]
    [InlineData("[]\\d]", "[]0-9]")]
    [InlineData("\\\\d", "\\\\d")]
    public void TranslatesRe2OnlySyntax(string re2, string dotnet) => Assert.Equal(dotnet, GoRegexSyntax.Translate(re2, out _));

    [Theory]
    [InlineData("(?P<>a)", "`(?P<>`")]
    [InlineData("(?P<a-b>c)", "`(?P<a-b>`")]
    [InlineData("x(?P<ab", "`(?P<ab`")]
    public void RejectsGroupNamesRe2Rejects(string re2, string named)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => GoRegexSyntax.Translate(re2, out _));
        Assert.Equal($"error parsing regexp: invalid named capture: {named}", error.Message);
    }

    [Fact]
    public void MatchesWholeInputOnlyAndNotBeforeATrailingNewline()
    {
        var regex = GoRegexSyntax.CompileAnchored("a|b", Regex.InfiniteMatchTimeout);
        Assert.Matches(regex, "b");
        Assert.DoesNotMatch(regex, "ab");
        Assert.DoesNotMatch(regex, "a\n");
    }

    /// <summary>Patterns without RE2-only syntax are left exactly as they are.</summary>
    [Fact]
    public void PlainPatternsAreUnchanged()
    {
        var plain = ArbMap.Default.ArbFor<string>().Filter(s => s is not null && !s.Contains('\\') && !s.Contains("(?P<", StringComparison.Ordinal));
        Prop.ForAll(plain, s => GoRegexSyntax.Translate(s, out _) == s).QuickCheckThrowOnFailure();
    }
}
