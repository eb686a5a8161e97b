using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Tsdb.Storage.Tests.Matching;

public sealed class GoRegexTemplateTests
{
    [Theory]
    [InlineData("(?P<first>a)(.*)", "abc", "$1-$2", "a-bc")]
    [InlineData("(?P<first>a)(.*)", "abc", "${first}:${2}", "a:bc")]
    [InlineData("(.)(?P<mid>.)(.)", "xyz", "$3$mid$1", "zyx")]
    [InlineData("(?P<x>a)|(?P<x>b)", "b", "[$x]", "[b]")]
    [InlineData("(?P<x>a)(b)?", "a", "[$2][$x][$y][$9]", "[][a][][]")]
    [InlineData("(a)", "a", "$$1 ${1}x $1x $", "$1 ax  $")]
    public void ExpandsAsGoDoes(string pattern, string input, string template, string expanded)
    {
        var regex = GoRegexSyntax.CompileAnchored(pattern, Regex.InfiniteMatchTimeout, out var names);
        var match = regex.Match(input);
        Assert.True(match.Success);
        Assert.Equal(expanded, GoRegexTemplate.Expand(template, match, names));
    }

    /// <summary>
    /// Whatever mix of named and unnamed groups a pattern has, <c>${k}</c> is the k-th group by its opening
    /// parenthesis, as Go numbers them, and <c>${name}</c> the group of that name.
    /// </summary>
    [Fact]
    public void GroupsKeepGoNumbersAndNames()
    {
        var group = Gen.Elements("a", "bc", "d", "ef").Zip(Gen.Elements<string?>(null, null, "n", "m_2", "Zed"));
        Prop.ForAll(Gen.NonEmptyListOf(group).Select(l => l.ToArray()).ToArbitrary(), groups =>
        {
            // Each name is used once, so that ${name} has one answer; a repeated name becomes an unnamed group.
            var seen = new HashSet<string>();
            var named = groups.Select(g => g.Item2 is { } n && seen.Add(n) ? g : (g.Item1, null)).ToArray();
            string pattern = string.Concat(named.Select(g => g.Item2 is null ? $"({g.Item1})(?:-)?" : $"(?P<{g.Item2}>{g.Item1})(?:-)?"));
            var regex = GoRegexSyntax.CompileAnchored(pattern, Regex.InfiniteMatchTimeout, out var names);
            var match = regex.Match(string.Concat(named.Select(g => g.Item1)));
            if (!match.Success) return false;
            for (int k = 0; k < named.Length; k++)
            {
                if (GoRegexTemplate.Expand($"${{{k + 1}}}", match, names) != named[k].Item1) return false;
                if (named[k].Item2 is { } name && GoRegexTemplate.Expand($"${{{name}}}", match, names) != named[k].Item1) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
