using System.Text;

namespace Tsdb.Query.Parsing;

/// <summary>
/// A query that does not parse or type-check. The message reads like Prometheus's:
/// <c>line:column: parse error: reason</c>, where the column counts UTF-8 bytes from 1.
/// </summary>
public sealed class PromQLParseException : Exception
{
    public PositionRange Position { get; }
    public string Reason { get; }
    public int Line { get; }
    public int Column { get; }

    public PromQLParseException(string query, PositionRange position, string reason)
        : base(Format(query, position, reason, out var line, out var column))
    {
        Position = position;
        Reason = reason;
        Line = line;
        Column = column;
    }

    private static string Format(string query, PositionRange position, string reason, out int line, out int column)
    {
        var pos = Math.Clamp(position.Start, 0, query.Length);
        var before = query.AsSpan(0, pos);
        var lastBreak = before.LastIndexOf('\n');
        line = before.Count('\n') + 1;
        column = Encoding.UTF8.GetByteCount(before[(lastBreak + 1)..]) + 1;
        return $"{line}:{column}: parse error: {reason}";
    }
}
