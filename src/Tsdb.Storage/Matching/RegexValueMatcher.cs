using System.Text.RegularExpressions;

namespace Tsdb.Storage;

/// <summary>
/// A fully anchored regex over label values, with shortcuts for the shapes dashboards use most:
/// `.*`, `.+`, a literal alternation `a|b|c`, and a literal prefix `foo.*`.
/// </summary>
internal sealed class RegexValueMatcher
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(10);

    private readonly Regex _regex;
    private readonly Func<string, bool>? _shortcut;

    /// <summary>Non-null when the pattern is an alternation of plain literals.</summary>
    public IReadOnlyList<string>? Literals { get; }

    private RegexValueMatcher(Regex regex, IReadOnlyList<string>? literals, Func<string, bool>? shortcut)
    {
        _regex = regex;
        Literals = literals;
        _shortcut = shortcut;
    }

    public static RegexValueMatcher Create(string pattern)
    {
        Regex regex;
        try
        {
            regex = GoRegexSyntax.CompileAnchored(pattern, MatchTimeout);
        }
        catch (RegexParseException e)
        {
            throw new ArgumentException(RegexErrorText.Describe(e, pattern), e);
        }

        var literals = LiteralAlternatives(pattern);
        Func<string, bool>? shortcut = null;
        if (literals is not null)
        {
            var set = new HashSet<string>(literals, StringComparer.Ordinal);
            shortcut = set.Contains;
        }
        else if (pattern == ".*")
        {
            shortcut = static v => !v.Contains('\n');
        }
        else if (pattern == ".+")
        {
            shortcut = static v => v.Length > 0 && !v.Contains('\n');
        }
        else if (pattern.EndsWith(".*", StringComparison.Ordinal) && IsPlainLiteral(pattern.AsSpan(0, pattern.Length - 2)))
        {
            var prefix = pattern[..^2];
            shortcut = v => v.StartsWith(prefix, StringComparison.Ordinal) && v.AsSpan(prefix.Length).IndexOf('\n') < 0;
        }
        return new RegexValueMatcher(regex, literals, shortcut);
    }

    public bool IsMatch(string value) => _shortcut is not null ? _shortcut(value) : _regex.IsMatch(value);

    private static IReadOnlyList<string>? LiteralAlternatives(string pattern)
    {
        if (pattern.Length == 0) return null;
        var parts = pattern.Split('|');
        foreach (var p in parts)
        {
            if (!IsPlainLiteral(p)) return null;
        }
        return parts;
    }

    private static bool IsPlainLiteral(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '/' or ' ' or ',' or '@' or '=' or '%')) return false;
        }
        return true;
    }
}
