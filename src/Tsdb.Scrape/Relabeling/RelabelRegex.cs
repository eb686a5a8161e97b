using System.Text;
using System.Text.RegularExpressions;

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
    private readonly int[] _groupNumbers;

    /// <summary>The pattern as written in the configuration, without the anchoring.</summary>
    public string Pattern { get; }

    /// <summary>Throws <see cref="ArgumentException"/> with the engine's reason if the pattern does not compile.</summary>
    public RelabelRegex(string pattern)
    {
        Pattern = pattern;
        // \z rather than $: Go's $ without multi-line mode matches only at the very end of the text.
        _regex = new Regex("^(?:" + TranslateGroupSyntax(pattern) + ")\\z",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
        _groupNumbers = _regex.GetGroupNumbers();
    }

    public bool IsMatch(string input) => _regex.IsMatch(input);

    /// <summary>The match of the whole input, or null; since the pattern is anchored there is at most one.</summary>
    public Match? MatchWhole(string input)
    {
        var m = _regex.Match(input);
        return m.Success ? m : null;
    }

    /// <summary>Expands a template with the groups of <paramref name="match"/> as Go's <c>Regexp.Expand</c> does.</summary>
    public string Expand(string template, Match match)
    {
        int dollar = template.IndexOf('$');
        if (dollar < 0) return template;
        var result = new StringBuilder(template.Length + 16);
        int pos = 0;
        while (dollar >= 0)
        {
            result.Append(template, pos, dollar - pos);
            pos = dollar + 1;
            if (pos < template.Length && template[pos] == '$')
            {
                result.Append('$');
                pos++;
            }
            else if (TryReadReference(template, pos, out var name, out int end))
            {
                AppendGroup(result, match, name);
                pos = end;
            }
            else
            {
                // A malformed reference keeps the dollar as literal text.
                result.Append('$');
            }
            dollar = template.IndexOf('$', pos);
        }
        result.Append(template, pos, template.Length - pos);
        return result.ToString();
    }

    private void AppendGroup(StringBuilder result, Match match, string name)
    {
        int number = ParseGroupNumber(name);
        Group? group = null;
        if (number >= 0)
        {
            if (Array.IndexOf(_groupNumbers, number) >= 0) group = match.Groups[number];
        }
        else if (_regex.GroupNumberFromName(name) >= 0)
        {
            group = match.Groups[name];
        }
        if (group is { Success: true }) result.Append(group.ValueSpan);
    }

    /// <summary>Go's rule: all digits, no leading zero, below 10^8; anything else is a name.</summary>
    private static int ParseGroupNumber(string name)
    {
        if (name.Length > 1 && name[0] == '0') return -1;
        int number = 0;
        foreach (char c in name)
        {
            if (!char.IsAsciiDigit(c) || number >= 100_000_000) return -1;
            number = number * 10 + (c - '0');
        }
        return number;
    }

    /// <summary>Reads "name" or "{name}" after a dollar; a name is a run of letters, digits and underscores.</summary>
    private static bool TryReadReference(string template, int pos, out string name, out int end)
    {
        name = "";
        end = pos;
        bool brace = pos < template.Length && template[pos] == '{';
        int start = brace ? pos + 1 : pos;
        int i = start;
        while (i < template.Length && (char.IsLetterOrDigit(template[i]) || template[i] == '_')) i++;
        if (i == start) return false;
        if (brace)
        {
            if (i >= template.Length || template[i] != '}') return false;
            end = i + 1;
        }
        else
        {
            end = i;
        }
        name = template[start..i];
        return true;
    }

    /// <summary>RE2 spells named groups (?P&lt;name&gt;…); .NET spells them (?&lt;name&gt;…).</summary>
    private static string TranslateGroupSyntax(string pattern)
    {
        if (!pattern.Contains("(?P<", StringComparison.Ordinal)) return pattern;
        var result = new StringBuilder(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                result.Append(pattern, i, 2);
                i++;
            }
            else if (string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                result.Append("(?<");
                i += 3;
            }
            else
            {
                result.Append(pattern[i]);
            }
        }
        return result.ToString();
    }

    public override string ToString() => Pattern;
}
