using System.Text.Unicode;

namespace Tsdb.Scrape.Parsing;

/// <summary>
/// OpenMetrics 1.0 text, as strictly as Prometheus reads it: single spaces between tokens, no blank
/// lines, no comments other than HELP, TYPE, UNIT and the final <c># EOF</c>, every line ended by a
/// line feed, nothing after <c># EOF</c>. Timestamps are float seconds, converted to milliseconds.
/// An exemplar (<c> # {labels} value [timestamp]</c>) may follow a sample.
/// </summary>
internal sealed class OpenMetricsParser : ExpositionParser
{
    private bool _sawEof;

    public override ExpositionFormat Format => ExpositionFormat.OpenMetrics;

    internal override EntryKind EndOfInput() =>
        _sawEof ? EntryKind.Eof : throw ErrorAfterLastLine("unexpected end of data: expected \"# EOF\"");

    private protected override void ResetState() => _sawEof = false;

    private protected override bool ParseLine(ReadOnlySpan<byte> line, bool terminated, out EntryKind kind)
    {
        if (_sawEof) throw Error(line, 0, "unexpected data after \"# EOF\"");
        if (line.SequenceEqual("# EOF"u8))
        {
            _sawEof = true;
            kind = default;
            return false;
        }
        if (line.IsEmpty) throw Error(line, 0, "unexpected empty line");
        kind = line[0] == '#' ? ParseMetadata(line) : ParseSample(line);
        if (!terminated) throw Error(line, line.Length, "unexpected end of data: expected a line feed and \"# EOF\"");
        return true;
    }

    private EntryKind ParseMetadata(ReadOnlySpan<byte> line)
    {
        EntryKind kind;
        if (line.StartsWith("# HELP "u8)) kind = EntryKind.Help;
        else if (line.StartsWith("# TYPE "u8)) kind = EntryKind.Type;
        else if (line.StartsWith("# UNIT "u8)) kind = EntryKind.Unit;
        else throw Error(line, 0, "expected \"# HELP \", \"# TYPE \", \"# UNIT \" or \"# EOF\"");
        string keyword = kind switch { EntryKind.Help => "HELP", EntryKind.Type => "TYPE", _ => "UNIT" };

        NameStart = 7;
        NameEnd = NameSyntax.ScanMetricName(line, NameStart);
        if (NameEnd == NameStart)
            throw Error(line, NameStart, $"expected metric name after {keyword}, got {Describe(line, NameStart)}");
        if (NameEnd >= line.Length || line[NameEnd] != ' ')
            throw Error(line, NameEnd, $"expected a space and text after the metric name in {keyword}, got {Describe(line, NameEnd)}");
        TextStart = NameEnd + 1;
        var text = line[TextStart..];

        switch (kind)
        {
            case EntryKind.Help:
                if (!Utf8.IsValid(text)) throw Error(line, TextStart, "help text is not valid UTF-8");
                break;
            case EntryKind.Type:
                ParsedType = ParseType(text) ?? throw Error(line, TextStart, $"invalid metric type {Quote(text)}");
                break;
            case EntryKind.Unit:
                var name = line[NameStart..NameEnd];
                if (!text.IsEmpty && !(name.Length > text.Length + 1 && name.EndsWith(text) && name[^(text.Length + 1)] == '_'))
                    throw Error(line, TextStart, $"unit {Quote(text)} is not a suffix of metric {Quote(name)}");
                break;
        }
        return kind;
    }

    private EntryKind ParseSample(ReadOnlySpan<byte> line)
    {
        if (MatchesExpectedSeries(line, 0)) return ParseValueAndRest(line);
        NameStart = 0;
        NameEnd = NameSyntax.ScanMetricName(line, 0);
        if (NameEnd == 0) throw Error(line, 0, $"expected metric name, got {Describe(line, 0)}");
        SeriesEnd = NameEnd;
        if (NameEnd < line.Length && line[NameEnd] == '{')
        {
            SeriesEnd = ScanSeriesLabels(line, NameEnd + 1);
        }
        if (DeferredLabelsStart < 0) return ParseValueAndRest(line);
        try
        {
            return ParseValueAndRest(line);
        }
        catch (ExpositionParseException)
        {
            CheckLabels(); // a malformed label set is the first error of the line, as when checked up front
            throw;
        }
    }

    private protected override int ParseSeriesLabels(ReadOnlySpan<byte> line, int pos) =>
        ParseLabels(line, pos, ref LabelOffsets, ref LabelCount, isSeries: true);

    /// <summary>Parses the value, the optional timestamp and the optional exemplar after the series text.</summary>
    private EntryKind ParseValueAndRest(ReadOnlySpan<byte> line)
    {
        int pos = ExpectSpace(line, SeriesEnd, "value");
        int end = TokenEnd(line, pos);
        ParsedValue = ParseFloat(line, pos, end, "value");
        if (end == line.Length) return EntryKind.Series;

        pos = ExpectSpace(line, end, "timestamp or exemplar");
        if (!line[pos..].StartsWith("# {"u8))
        {
            end = TokenEnd(line, pos);
            ParsedTimestamp = ParseTimestamp(line, pos, end);
            if (end == line.Length) return EntryKind.Series;
            pos = ExpectSpace(line, end, "exemplar");
            if (!line[pos..].StartsWith("# {"u8))
                throw Error(line, pos, $"expected \"# {{\" to start an exemplar, got {Describe(line, pos)}");
        }
        ParseExemplar(line, pos + 3);
        return EntryKind.Series;
    }

    private void ParseExemplar(ReadOnlySpan<byte> line, int pos)
    {
        pos = ParseLabels(line, pos, ref ExemplarLabelOffsets, ref ExemplarLabelCount, isSeries: false);
        pos = ExpectSpace(line, pos, "exemplar value");
        int end = TokenEnd(line, pos);
        ParsedExemplarValue = ParseFloat(line, pos, end, "exemplar value");
        ParsedHasExemplar = true;
        if (end == line.Length) return;
        pos = ExpectSpace(line, end, "exemplar timestamp");
        end = TokenEnd(line, pos);
        ParsedExemplarTimestamp = ParseTimestamp(line, pos, end);
        if (end != line.Length) throw Error(line, end, $"expected end of line after exemplar timestamp, got {Describe(line, end)}");
    }

    /// <summary>Parses <c>name="value",...}</c> after the brace, without spaces; returns the index after the closing brace.</summary>
    private int ParseLabels(ReadOnlySpan<byte> line, int pos, ref int[] offsets, ref int count, bool isSeries)
    {
        if (pos < line.Length && line[pos] == '}') return pos + 1;
        while (true)
        {
            int nameEnd = NameSyntax.ScanLabelName(line, pos);
            if (nameEnd == pos) throw Error(line, pos, $"expected label name, got {Describe(line, pos)}");
            var name = line[pos..nameEnd];
            if (nameEnd >= line.Length || line[nameEnd] != '=')
                throw Error(line, nameEnd, $"expected '=' after label name {Quote(name)}, got {Describe(line, nameEnd)}");
            int openQuote = nameEnd + 1;
            if (openQuote >= line.Length || line[openQuote] != '"')
                throw Error(line, openQuote, $"expected '\"' to start the value of label {Quote(name)}, got {Describe(line, openQuote)}");
            int closeQuote = EscapedText.FindClosingQuote(line, openQuote);
            if (closeQuote < 0) throw Error(line, line.Length, $"unterminated value of label {Quote(name)}");
            if (!Utf8.IsValid(line[(openQuote + 1)..closeQuote]))
                throw Error(line, openQuote + 1, $"value of label {Quote(name)} is not valid UTF-8");
            AddLabelOffsets(ref offsets, ref count, line, pos, nameEnd, openQuote + 1, closeQuote, isSeries);
            pos = closeQuote + 1;
            if (pos < line.Length && line[pos] == '}') return pos + 1;
            if (pos >= line.Length || line[pos] != ',')
                throw Error(line, pos, $"expected ',' or '}}' after label value, got {Describe(line, pos)}");
            pos++;
            // Prometheus accepts a trailing comma before the closing brace.
            if (pos < line.Length && line[pos] == '}') return pos + 1;
        }
    }

    private int ExpectSpace(ReadOnlySpan<byte> line, int pos, string what)
    {
        if (pos >= line.Length || line[pos] != ' ')
            throw Error(line, pos, $"expected a space and {what}, got {Describe(line, pos)}");
        return pos + 1;
    }

    private static int TokenEnd(ReadOnlySpan<byte> line, int pos)
    {
        int space = line[pos..].IndexOf((byte)' ');
        return space < 0 ? line.Length : pos + space;
    }

    private double ParseFloat(ReadOnlySpan<byte> line, int start, int end, string what)
    {
        if (end == start) throw Error(line, start, $"expected {what}, got {Describe(line, start)}");
        if (!FloatText.TryParse(line[start..end], out double value))
            throw Error(line, start, $"invalid {what} {Quote(line[start..end])}: expected a float");
        return double.IsNaN(value) ? BitConverter.UInt64BitsToDouble(FloatText.NormalNaNBits) : value;
    }

    /// <summary>Float seconds to milliseconds, rounded to the nearest millisecond.</summary>
    private long ParseTimestamp(ReadOnlySpan<byte> line, int start, int end)
    {
        if (end == start) throw Error(line, start, $"expected timestamp, got {Describe(line, start)}");
        if (!FloatText.TryParse(line[start..end], out double seconds) || !double.IsFinite(seconds))
            throw Error(line, start, $"invalid timestamp {Quote(line[start..end])}: expected finite float seconds");
        double milliseconds = Math.Round(seconds * 1000.0);
        if (milliseconds is < long.MinValue or >= long.MaxValue)
            throw Error(line, start, $"timestamp {Quote(line[start..end])} is out of range");
        return (long)milliseconds;
    }

    private static MetricType? ParseType(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("counter"u8) => MetricType.Counter,
        _ when text.SequenceEqual("gauge"u8) => MetricType.Gauge,
        _ when text.SequenceEqual("histogram"u8) => MetricType.Histogram,
        _ when text.SequenceEqual("gaugehistogram"u8) => MetricType.GaugeHistogram,
        _ when text.SequenceEqual("summary"u8) => MetricType.Summary,
        _ when text.SequenceEqual("info"u8) => MetricType.Info,
        _ when text.SequenceEqual("stateset"u8) => MetricType.StateSet,
        _ when text.SequenceEqual("unknown"u8) => MetricType.Unknown,
        _ => null,
    };
}
