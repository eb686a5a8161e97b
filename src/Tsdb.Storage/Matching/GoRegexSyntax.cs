using System.Text;
using System.Text.RegularExpressions;

namespace Tsdb.Storage;

/// <summary>
/// Compiles a regular expression written for Go's RE2 (as PromQL's are) into a .NET regex that matches the
/// whole input: RE2's <c>(?P&lt;name&gt;…)</c> groups become .NET's <c>(?&lt;name&gt;…)</c>, the Perl classes
/// <c>\d \w \s</c> (and their negations) become the ASCII sets they are in RE2 (in .NET they are Unicode), and
/// the pattern is anchored with <c>\z</c>, since .NET's <c>$</c> would also match before a final newline.
/// </summary>
public static class GoRegexSyntax
{
    /// <summary>The anchored .NET regex; throws <see cref="RegexParseException"/> when .NET cannot parse it.</summary>
    public static Regex CompileAnchored(string pattern, TimeSpan matchTimeout) =>
        new("^(?:" + Translate(pattern) + ")\\z", RegexOptions.CultureInvariant, matchTimeout);

    /// <summary>The pattern with named groups and Perl classes in .NET syntax; everything else left as it is.</summary>
    public static string Translate(string pattern)
    {
        if (!pattern.Contains("(?P<", StringComparison.Ordinal) && !pattern.Contains('\\')) return pattern;
        var sb = new StringBuilder(pattern.Length);
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
            if (c == '(' && string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                sb.Append("(?<");
                i += 3;
                continue;
            }
            sb.Append(c);
        }
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
