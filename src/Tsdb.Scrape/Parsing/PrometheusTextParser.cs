using System.Buffers.Text;
using System.Text.Unicode;

namespace Tsdb.Scrape.Parsing;

/// <summary>
/// The Prometheus text format 0.0.4, with the leniency of Prometheus's own parser: spaces and tabs
/// around tokens, blank lines, free-form comments, a trailing comma in label sets (and, as Prometheus
/// accepts it, a missing comma between labels). Label values cannot span lines here.
/// </summary>
internal sealed class PrometheusTextParser : ExpositionParser
{
    public override ExpositionFormat Format => ExpositionFormat.PrometheusText;

    internal override EntryKind EndOfInput() => EntryKind.Eof;

    private protected override void ResetState()
    {
    }

    private protected override bool ParseLine(ReadOnlySpan<byte> line, bool terminated, out EntryKind kind)
    {
        int pos = SkipBlanks(line, 0);
        if (pos == line.Length)
        {
            kind = default;
            return false;
        }
        kind = line[pos] == '#' ? ParseCommentLine(line, pos + 1) : ParseSample(line, pos);
        return true;
    }

    private EntryKind ParseCommentLine(ReadOnlySpan<byte> line, int pos)
    {
        int textStart = SkipBlanks(line, pos);
        var rest = line[textStart..];
        bool isHelp = IsKeyword(rest, "HELP"u8), isType = IsKeyword(rest, "TYPE"u8);
        if (textStart == pos || !(isHelp || isType))
        {
            TextStart = textStart;
            return EntryKind.Comment;
        }

        string keyword = isHelp ? "HELP" : "TYPE";
        NameStart = SkipBlanks(line, textStart + 4);
        NameEnd = NameSyntax.ScanMetricName(line, NameStart);
        if (NameEnd == NameStart)
            throw Error(line, NameStart, $"expected metric name after {keyword}, got {Describe(line, NameStart)}");
        if (NameEnd < line.Length && !IsBlank(line[NameEnd]))
            throw Error(line, NameEnd, $"expected a space after the metric name in {keyword}, got {Describe(line, NameEnd)}");
        // Exactly one blank separates the name from the text; any further blanks belong to the text.
        TextStart = Math.Min(NameEnd + 1, line.Length);
        var text = line[TextStart..];

        if (isHelp)
        {
            if (!Utf8.IsValid(text)) throw Error(line, TextStart, "help text is not valid UTF-8");
            return EntryKind.Help;
        }
        ParsedType = ParseType(text) ?? throw Error(line, TextStart, $"invalid metric type {Quote(text)}");
        return EntryKind.Type;
    }

    private EntryKind ParseSample(ReadOnlySpan<byte> line, int pos)
    {
        if (MatchesExpectedSeries(line, pos)) return ParseValueAndTimestamp(line, SkipBlanks(line, SeriesEnd));
        NameStart = pos;
        NameEnd = NameSyntax.ScanMetricName(line, pos);
        if (NameEnd == pos) throw Error(line, pos, $"expected metric name, got {Describe(line, pos)}");
        SeriesEnd = NameEnd;
        pos = SkipBlanks(line, NameEnd);
        if (pos < line.Length && line[pos] == '{')
        {
            SeriesEnd = ScanSeriesLabels(line, pos + 1);
            pos = SkipBlanks(line, SeriesEnd);
        }
        if (DeferredLabelsStart < 0) return ParseValueAndTimestamp(line, pos);
        try
        {
            return ParseValueAndTimestamp(line, pos);
        }
        catch (ExpositionParseException)
        {
            CheckLabels(); // a malformed label set is the first error of the line, as when checked up front
            throw;
        }
    }

    private protected override int ParseSeriesLabels(ReadOnlySpan<byte> line, int pos) => ParseLabels(line, pos);

    /// <summary>Parses the value and optional timestamp from <paramref name="pos"/> to the end of the line.</summary>
    private EntryKind ParseValueAndTimestamp(ReadOnlySpan<byte> line, int pos)
    {
        int valueEnd = pos;
        while (valueEnd < line.Length && !IsBlank(line[valueEnd]) && line[valueEnd] != '{') valueEnd++;
        if (valueEnd == pos) throw Error(line, pos, $"expected value after metric, got {Describe(line, pos)}");
        if (!FloatText.TryParse(line[pos..valueEnd], out ParsedValue))
            throw Error(line, pos, $"invalid value {Quote(line[pos..valueEnd])}: expected a float");
        if (double.IsNaN(ParsedValue)) ParsedValue = BitConverter.UInt64BitsToDouble(FloatText.NormalNaNBits);

        pos = SkipBlanks(line, valueEnd);
        if (pos == line.Length) return EntryKind.Series;
        // An integer of milliseconds; negative ones (before 1970) appear in the format's own example.
        int digitsStart = line[pos] == '-' ? pos + 1 : pos;
        int timestampEnd = digitsStart;
        while (timestampEnd < line.Length && (uint)(line[timestampEnd] - '0') <= 9) timestampEnd++;
        if (timestampEnd == digitsStart || (timestampEnd < line.Length && !IsBlank(line[timestampEnd])))
        {
            int bad = timestampEnd == digitsStart ? pos : timestampEnd;
            throw Error(line, bad, $"expected timestamp or end of line after value, got {Describe(line, bad)}");
        }
        if (!Utf8Parser.TryParse(line[pos..timestampEnd], out long timestamp, out _))
            throw Error(line, pos, $"timestamp {Quote(line[pos..timestampEnd])} is out of range");
        ParsedTimestamp = timestamp;
        pos = SkipBlanks(line, timestampEnd);
        if (pos != line.Length) throw Error(line, pos, $"expected end of line after timestamp, got {Describe(line, pos)}");
        return EntryKind.Series;
    }

    /// <summary>Parses <c>name="value", ...}</c> starting after the brace; returns the index after the closing brace.</summary>
    private int ParseLabels(ReadOnlySpan<byte> line, int pos)
    {
        while (true)
        {
            pos = SkipBlanks(line, pos);
            if (pos < line.Length && line[pos] == '}') return pos + 1;
            int nameEnd = NameSyntax.ScanLabelName(line, pos);
            if (nameEnd == pos) throw Error(line, pos, $"expected label name or '}}', got {Describe(line, pos)}");
            int equals = SkipBlanks(line, nameEnd);
            if (equals >= line.Length || line[equals] != '=')
                throw Error(line, equals, $"expected '=' after label name {Quote(line[pos..nameEnd])}, got {Describe(line, equals)}");
            int openQuote = SkipBlanks(line, equals + 1);
            if (openQuote >= line.Length || line[openQuote] != '"')
                throw Error(line, openQuote, $"expected '\"' to start the value of label {Quote(line[pos..nameEnd])}, got {Describe(line, openQuote)}");
            int closeQuote = EscapedText.FindClosingQuote(line, openQuote);
            if (closeQuote < 0) throw Error(line, line.Length, $"unterminated value of label {Quote(line[pos..nameEnd])}");
            if (!Utf8.IsValid(line[(openQuote + 1)..closeQuote]))
                throw Error(line, openQuote + 1, $"value of label {Quote(line[pos..nameEnd])} is not valid UTF-8");
            AddLabelOffsets(ref LabelOffsets, ref LabelCount, line, pos, nameEnd, openQuote + 1, closeQuote, isSeries: true);
            pos = SkipBlanks(line, closeQuote + 1);
            if (pos < line.Length && line[pos] == ',') pos++;
            else if (pos >= line.Length) throw Error(line, pos, "expected ',' or '}' after label value, got end of line");
        }
    }

    private static MetricType? ParseType(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("counter"u8) => MetricType.Counter,
        _ when text.SequenceEqual("gauge"u8) => MetricType.Gauge,
        _ when text.SequenceEqual("histogram"u8) => MetricType.Histogram,
        _ when text.SequenceEqual("summary"u8) => MetricType.Summary,
        _ when text.SequenceEqual("untyped"u8) => MetricType.Unknown,
        _ => null,
    };

    private static bool IsKeyword(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> keyword) =>
        rest.Length > keyword.Length && rest.StartsWith(keyword) && IsBlank(rest[keyword.Length]);

    private static bool IsBlank(byte c) => c is (byte)' ' or (byte)'\t';

    private static int SkipBlanks(ReadOnlySpan<byte> line, int pos)
    {
        while (pos < line.Length && IsBlank(line[pos])) pos++;
        return pos;
    }
}
