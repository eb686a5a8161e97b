using System.Text;

namespace Tsdb.Scrape.Parsing;

/// <summary>
/// The backslash escapes of label values and help texts. Unknown escapes stay as written
/// (<c>\t</c> is a backslash and a 't'), as in Prometheus.
/// </summary>
internal static class EscapedText
{
    /// <summary>
    /// Scans a quoted label value whose opening quote is at <paramref name="openQuote"/>; returns the
    /// index of the closing quote, or -1 if the line ends first.
    /// </summary>
    public static int FindClosingQuote(ReadOnlySpan<byte> line, int openQuote)
    {
        int i = openQuote + 1;
        while (i < line.Length)
        {
            int special = line[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (special < 0) return -1;
            i += special;
            if (line[i] == '"') return i;
            i += 2; // a backslash escapes the next byte, whatever it is
        }
        return -1;
    }

    /// <summary>
    /// Decodes UTF-8 <paramref name="escaped"/> into <paramref name="destination"/> (at least as many
    /// chars as bytes) replacing <c>\\</c>, <c>\n</c> and, if <paramref name="unescapeQuote"/>, <c>\"</c>.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<char> destination, bool unescapeQuote)
    {
        int length = Encoding.UTF8.GetChars(escaped, destination);
        if (escaped.IndexOf((byte)'\\') < 0) return length;
        int write = 0;
        for (int read = 0; read < length; read++)
        {
            char c = destination[read];
            if (c == '\\' && read + 1 < length)
            {
                char next = destination[read + 1];
                if (next == '\\' || next == 'n' || (next == '"' && unescapeQuote))
                {
                    destination[write++] = next == 'n' ? '\n' : next;
                    read++;
                    continue;
                }
            }
            destination[write++] = c;
        }
        return write;
    }

    /// <summary>Writes <paramref name="text"/> with <c>\</c>, newline and, if asked, <c>"</c> escaped.</summary>
    public static void Escape(TextWriter output, string text, bool escapeQuote)
    {
        if (text.AsSpan().IndexOfAny('\\', '\n', escapeQuote ? '"' : '\\') < 0)
        {
            output.Write(text);
            return;
        }
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': output.Write(@"\\"); break;
                case '\n': output.Write(@"\n"); break;
                case '"' when escapeQuote: output.Write("\\\""); break;
                default: output.Write(c); break;
            }
        }
    }
}
