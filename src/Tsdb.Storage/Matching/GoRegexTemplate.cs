using System.Text;
using System.Text.RegularExpressions;

namespace Tsdb.Storage;

/// <summary>
/// Go's <c>Regexp.Expand</c> template syntax, used by relabeling replacements and PromQL's label_replace:
/// <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c> and <c>$$</c>. A bare reference takes the longest run
/// of letters, digits and underscores (so <c>$1x</c> names group "1x"); a group that does not exist or did not
/// take part in the match expands to nothing, and a malformed <c>$</c> stays as written.
/// </summary>
public static class GoRegexTemplate
{
    /// <param name="template">The replacement as written.</param>
    /// <param name="match">A match of a regex compiled from <see cref="GoRegexSyntax.Translate"/>, whose groups have Go's numbers.</param>
    /// <param name="groupNames">The groups' names by number, from the same translation.</param>
    public static string Expand(string template, Match match, IReadOnlyList<string?> groupNames)
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
                // Groups that do not exist come back unsuccessful, so they expand to nothing.
                int number = ParseGroupNumber(name);
                var group = number >= 0 ? match.Groups[number] : FirstTakingPart(match, groupNames, name);
                if (group is { Success: true }) result.Append(group.ValueSpan);
                pos = end;
            }
            else
            {
                result.Append('$');
            }
            dollar = template.IndexOf('$', pos);
        }
        result.Append(template, pos, template.Length - pos);
        return result.ToString();
    }

    /// <summary>As Go: a name given to several groups stands for the first of them that took part in the match.</summary>
    private static Group? FirstTakingPart(Match match, IReadOnlyList<string?> groupNames, string name)
    {
        for (int number = 1; number < groupNames.Count; number++)
        {
            if (groupNames[number] == name && match.Groups[number].Success) return match.Groups[number];
        }
        return null;
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
}
