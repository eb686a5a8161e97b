using System.Text;
using System.Text.RegularExpressions;

namespace Tsdb.Storage;

/// <summary>
/// Compiles a regular expression written for Go's RE2 (as PromQL's are) into a .NET regex that matches the
/// whole input: the Perl classes <c>\d \w \s</c> (and their negations) become the ASCII sets they are in RE2 (in
/// .NET they are Unicode), and the pattern is anchored with <c>\z</c>, since .NET's <c>$</c> would also match before
/// a final newline. Capture groups keep Go's numbers: Go numbers every group by its opening parenthesis, named
/// ones too, where .NET numbers the named groups after all the others (so that in <c>(?P&lt;x&gt;a)(b)</c>, <c>$1</c>
/// would be <c>b</c>). A pattern with RE2's <c>(?P&lt;name&gt;…)</c> groups therefore has every group written with its
/// Go number, <c>(?&lt;1&gt;…)</c>, and the names are kept aside, as Go's <c>SubexpNames</c>, for
/// <see cref="GoRegexTemplate.Expand"/>.
/// </summary>
public static class GoRegexSyntax
{
    private static readonly IReadOnlyList<string?> NoNames = [];

    /// <summary>The anchored .NET regex; throws <see cref="ArgumentException"/> when it cannot be compiled.</summary>
    public static Regex CompileAnchored(string pattern, TimeSpan matchTimeout) => CompileAnchored(pattern, matchTimeout, out _);

    /// <summary>
    /// The anchored .NET regex and the name of each group by its number (<see cref="Translate"/>), compiled with
    /// <paramref name="options"/> besides culture invariance.
    /// </summary>
    public static Regex CompileAnchored(string pattern, TimeSpan matchTimeout, out IReadOnlyList<string?> groupNames,
        RegexOptions options = RegexOptions.None) =>
        new("^(?:" + Translate(pattern, out groupNames) + ")\\z", RegexOptions.CultureInvariant | options, matchTimeout);

    /// <summary>
    /// The pattern in .NET syntax and the name of each group by its Go number (index 0, the whole match, and unnamed
    /// groups have none; empty when no group is named). Throws <see cref="ArgumentException"/> for a group name RE2
    /// rejects (empty, or other than ASCII letters, digits and underscores), worded as Go words it.
    /// </summary>
    public static string Translate(string pattern, out IReadOnlyList<string?> groupNames)
    {
        groupNames = NoNames;
        bool named = pattern.Contains("(?P<", StringComparison.Ordinal);
        if (!named && !pattern.Contains('\\')) return pattern;
        List<string?>? names = named ? [null] : null;
        var sb = new StringBuilder(pattern.Length + 8);
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                char escaped = pattern[++i];
                if (PerlClass(escaped) is { } members)
                {
                    // Inside a class only the positive forms can be spliced in; the negated ones stay .NET's.
                    if (!inClass) sb.Append(char.IsUpper(escaped) ? "[^" : "[").Append(members).Append(']');
                    else if (!char.IsUpper(escaped)) sb.Append(members);
                    else sb.Append(c).Append(escaped);
                    continue;
                }
                sb.Append(c).Append(escaped);
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                sb.Append(c);
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                sb.Append(c);
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^') sb.Append(pattern[++i]);
                if (i + 1 < pattern.Length && pattern[i + 1] == ']') sb.Append(pattern[++i]);
                continue;
            }
            if (c == '(' && names is not null)
            {
                if (string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
                {
                    int close = pattern.IndexOf('>', i + 4);
                    string name = close < 0 ? "" : pattern[(i + 4)..close];
                    if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                        throw new ArgumentException($"error parsing regexp: invalid named capture: `{pattern[i..(close < 0 ? pattern.Length : close + 1)]}`");
                    names.Add(name);
                    sb.Append("(?<").Append(names.Count - 1).Append('>');
                    i = close;
                    continue;
                }
                // A plain '(' captures; any other "(?" (flags, non-capturing, look-around) does not.
                if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
                {
                    names.Add(null);
                    sb.Append("(?<").Append(names.Count - 1).Append('>');
                    continue;
                }
            }
            sb.Append(c);
        }
        if (names is not null) groupNames = names;
        return sb.ToString();
    }

    /// <summary>The members of RE2's <c>\d \w \s</c> (either case), written for inside a .NET class.</summary>
    private static string? PerlClass(char escaped) => char.ToLowerInvariant(escaped) switch
    {
        'd' => "0-9",
        'w' => "0-9A-Za-z_",
        's' => "\\t\\n\\f\\r ",
        _ => null,
    };
}
