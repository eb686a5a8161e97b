using System.Text;

namespace Tsdb.Storage;

/// <summary>Prometheus's textual escaping of label values (backslash, double quote, newline).</summary>
public static class LabelText
{
    public static string EscapeValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0) return value;
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
