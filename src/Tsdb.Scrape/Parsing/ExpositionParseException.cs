namespace Tsdb.Scrape.Parsing;

/// <summary>
/// A scraped page that does not follow its format. The position is 1-based: the line, and the column
/// counted in Unicode code points. The scrape that produced it must be discarded as a whole.
/// </summary>
public sealed class ExpositionParseException(int line, int column, string reason)
    : FormatException($"line {line}, column {column}: {reason}")
{
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Reason { get; } = reason;
}
