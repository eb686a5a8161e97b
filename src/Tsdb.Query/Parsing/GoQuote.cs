using System.Globalization;
using System.Text;

namespace Tsdb.Query.Parsing;

/// <summary>Go-style string quoting and unquoting, which PromQL uses for its string literals.</summary>
internal static class GoQuote
{
    /// <summary>Renders <paramref name="s"/> as a double-quoted literal with Go's escapes.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (IsPrintable(rune)) sb.Append(rune.ToString());
                    else if (rune.Value < 0x80) sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    else if (rune.Value < 0x10000) sb.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    else sb.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    private static bool IsPrintable(Rune r)
    {
        if (r.Value < 0x80) return r.Value >= 0x20 && r.Value != 0x7f;
        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            UnicodeCategory.SpaceSeparator => r.Value == ' ',
            _ => true,
        };
    }

    /// <summary>
    /// The value of a quoted literal whose escapes the lexer has already validated: backquoted text is raw,
    /// single and double quotes take Go's escapes.
    /// </summary>
    public static string Unquote(string literal)
    {
        var body = literal.AsSpan(1, literal.Length - 2);
        if (literal[0] == '`' || body.IndexOf('\\') < 0) return body.ToString();
        var sb = new StringBuilder(body.Length);
        var utf8 = new List<byte>();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                FlushBytes(sb, utf8);
                sb.Append(c);
                continue;
            }
            var e = body[++i];
            switch (e)
            {
                case 'a': FlushBytes(sb, utf8); sb.Append('\a'); break;
                case 'b': FlushBytes(sb, utf8); sb.Append('\b'); break;
                case 'f': FlushBytes(sb, utf8); sb.Append('\f'); break;
                case 'n': FlushBytes(sb, utf8); sb.Append('\n'); break;
                case 'r': FlushBytes(sb, utf8); sb.Append('\r'); break;
                case 't': FlushBytes(sb, utf8); sb.Append('\t'); break;
                case 'v': FlushBytes(sb, utf8); sb.Append('\v'); break;
                case '\\' or '"' or '\'': FlushBytes(sb, utf8); sb.Append(e); break;
                case 'x':
                    // \x and octal escapes are single bytes: consecutive ones may form one UTF-8 character.
                    utf8.Add(byte.Parse(body.Slice(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u' or 'U':
                    var n = e == 'u' ? 4 : 8;
                    FlushBytes(sb, utf8);
                    sb.Append(char.ConvertFromUtf32(int.Parse(body.Slice(i + 1, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    i += n;
                    break;
                default:
                    utf8.Add((byte)((e - '0') * 64 + (body[i + 1] - '0') * 8 + (body[i + 2] - '0')));
                    i += 2;
                    break;
            }
        }
        FlushBytes(sb, utf8);
        return sb.ToString();
    }

    private static void FlushBytes(StringBuilder sb, List<byte> utf8)
    {
        if (utf8.Count == 0) return;
        sb.Append(Encoding.UTF8.GetString(utf8.ToArray()));
        utf8.Clear();
    }
}
