using System.Text;
using System.Text.RegularExpressions;

namespace Tsdb.Query.Engine;

/// <summary>
/// Go's Regexp.Expand template syntax for label_replace(): <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c>
/// and <c>$$</c>. A bare reference takes the longest run of letters, digits and underscores, so <c>$1x</c>
/// names group "1x"; an unknown group expands to nothing, and a malformed <c>$</c> stays as written.
/// </summary>
internal static class GoRegexTemplate
{
    public static string Expand(string template, Match match, Regex regex)
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < template.Length)
        {
            int dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            if (!TryReadName(template, ref i, out var name))
            {
                sb.Append('$');
                continue;
            }
            sb.Append(GroupValue(name, match, regex));
        }
        return sb.ToString();
    }

    private static bool TryReadName(string t, ref int i, out string name)
    {
        name = "";
        bool braced = i < t.Length && t[i] == '{';
        int start = braced ? i + 1 : i;
        int end = start;
        while (end < t.Length && (char.IsAsciiLetterOrDigit(t[end]) || t[end] == '_')) end++;
        if (end == start) return false;
        if (braced)
        {
            if (end >= t.Length || t[end] != '}') return false;
            name = t[start..end];
            i = end + 1;
            return true;
        }
        name = t[start..end];
        i = end;
        return true;
    }

    private static string GroupValue(string name, Match match, Regex regex)
    {
        if (name.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(name, out int number) || number >= regex.GetGroupNumbers().Length) return "";
            return match.Groups[number].Value;
        }
        if (regex.GroupNumberFromName(name) < 0) return "";
        return match.Groups[name].Value;
    }
}
