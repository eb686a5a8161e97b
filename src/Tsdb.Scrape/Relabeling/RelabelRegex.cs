using System.Text.RegularExpressions;
using Tsdb.Storage;

namespace Tsdb.Scrape.Relabeling;

/// <summary>
/// A relabeling regular expression: fully anchored like Prometheus's (<c>^(?:re)$</c>), compiled once,
/// with RE2's <c>(?P&lt;name&gt;…)</c> group syntax accepted, and Go's <c>regexp.Expand</c> template rules
/// for replacements (<c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c>, <c>$$</c>).
/// </summary>
public sealed class RelabelRegex
{
    public const string DefaultPattern = "(.*)";

    public static readonly RelabelRegex Default = new(DefaultPattern);

    private readonly Regex _regex;
    private readonly IReadOnlyList<string?> _groupNames;

    /// <summary>The pattern as written in the configuration, without the anchoring.</summary>
    public string Pattern { get; }

    /// <summary>Throws <see cref="ArgumentException"/> with the engine's reason if the pattern does not compile.</summary>
    public RelabelRegex(string pattern)
    {
        Pattern = pattern;
        _regex = GoRegexSyntax.CompileAnchored(pattern, Regex.InfiniteMatchTimeout, out _groupNames, RegexOptions.Compiled);
    }

    public bool IsMatch(string input) => _regex.IsMatch(input);

    /// <summary>The match of the whole input, or null; since the pattern is anchored there is at most one.</summary>
    public Match? MatchWhole(string input)
    {
        var m = _regex.Match(input);
        return m.Success ? m : null;
    }

    /// <summary>Expands a template with the groups of <paramref name="match"/> as Go's <c>Regexp.Expand</c> does.</summary>
    public string Expand(string template, Match match) => GoRegexTemplate.Expand(template, match, _groupNames);

    public override string ToString() => Pattern;
}
