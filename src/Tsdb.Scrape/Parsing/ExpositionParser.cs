using System.Diagnostics;
using System.Text;
using Tsdb.Storage;

namespace Tsdb.Scrape.Parsing;

/// <summary>
/// A pull parser over a scraped page, one entry per <see cref="Next"/>, like Prometheus's textparse.
/// After a <see cref="EntryKind.Series"/> entry, <see cref="Series"/> is the raw <c>name{labels}</c> text
/// (a cache key for the series reference), <see cref="Value"/> and <see cref="Timestamp"/> are parsed,
/// and labels are only decoded when asked (<see cref="FillLabels"/>), so a known series costs no allocation.
/// Spans returned stay valid until the next call that advances the parser.
/// A malformed line throws <see cref="ExpositionParseException"/>; one parser instance can be reused.
/// Input comes either as a whole buffer (<see cref="Reset"/> and <see cref="Next"/>) or line by line
/// from a <see cref="PipeExpositionReader"/>.
/// </summary>
public abstract class ExpositionParser
{
    private ReadOnlyMemory<byte> _body;
    private int _bodyPosition;
    private ReadOnlyMemory<byte> _line;
    private char[] _scratch = new char[256];

    // Offsets into the current line. Labels and exemplar labels are stored four ints each:
    // name start, name end, value start, value end (the value without its quotes, still escaped).
    private protected int NameStart, NameEnd, SeriesEnd;
    private protected int[] LabelOffsets = new int[32];
    private protected int LabelCount;
    private protected int[] ExemplarLabelOffsets = new int[16];
    private protected int ExemplarLabelCount;
    private protected int TextStart;
    private protected MetricType ParsedType;
    private protected double ParsedValue, ParsedExemplarValue;
    private protected long? ParsedTimestamp, ParsedExemplarTimestamp;
    private protected bool ParsedHasExemplar;

    // Where the current series' unchecked label set starts (after its brace), or -1 when there is none.
    private protected int DeferredLabelsStart = -1;

    /// <summary>
    /// When set, a series line's label set is not checked (syntax, duplicate names, UTF-8) nor recorded as
    /// the line is parsed: only the end of the series text is found, which is all a caller needs to look the
    /// text up. A caller that sets this must call <see cref="CheckLabels"/> for every series text it has not
    /// seen checked before; <see cref="FillLabels"/> does so itself. A malformed line still fails on its
    /// value or timestamp, reporting a bad label set first as without this setting.
    /// </summary>
    public bool DeferLabelChecks { get; set; }

    /// <summary>
    /// With <see cref="DeferLabelChecks"/>, a series text the caller expects on the next series line and has
    /// seen checked before. A line whose series text is exactly this one is not scanned: its value and
    /// timestamp are parsed, <see cref="SeriesWasExpected"/> is set, and its name and labels are only found
    /// when asked for. Cleared when input begins.
    /// </summary>
    public byte[]? ExpectedSeries { get; set; }

    /// <summary>Whether the current series entry's text is exactly <see cref="ExpectedSeries"/>.</summary>
    public bool SeriesWasExpected { get; private set; }

    /// <summary>The 1-based number of the line the current entry came from.</summary>
    public int LineNumber { get; private set; }

    public abstract ExpositionFormat Format { get; }

    /// <summary>A parser for the format; choose it with <see cref="ContentNegotiation.FormatFromContentType"/>.</summary>
    public static ExpositionParser Create(ExpositionFormat format) => format switch
    {
        ExpositionFormat.OpenMetrics => new OpenMetricsParser(),
        _ => new PrometheusTextParser(),
    };

    /// <summary>Starts parsing a whole page held in memory.</summary>
    public void Reset(ReadOnlyMemory<byte> body)
    {
        BeginInput();
        _body = body;
        _bodyPosition = 0;
    }

    /// <summary>The next entry of the page given to <see cref="Reset"/>; <see cref="EntryKind.Eof"/> at its end.</summary>
    public EntryKind Next()
    {
        while (_bodyPosition < _body.Length)
        {
            var rest = _body.Span[_bodyPosition..];
            int newline = rest.IndexOf((byte)'\n');
            bool terminated = newline >= 0;
            int length = terminated ? newline : rest.Length;
            var line = _body.Slice(_bodyPosition, length);
            _bodyPosition += terminated ? length + 1 : length;
            if (TryParseLine(line, terminated, out var kind)) return kind;
        }
        return EndOfInput();
    }

    /// <summary>The raw series identity as written, <c>name</c> or <c>name{labels}</c>.</summary>
    public ReadOnlySpan<byte> Series => _line.Span[NameStart..SeriesEnd];

    /// <summary>The metric name of a series, or the family name of a HELP, TYPE or UNIT entry.</summary>
    public ReadOnlySpan<byte> MetricName
    {
        get
        {
            ScanExpectedSeries();
            return _line.Span[NameStart..NameEnd];
        }
    }

    public double Value => ParsedValue;

    /// <summary>The sample's own timestamp in milliseconds, if the line has one.</summary>
    public long? Timestamp => ParsedTimestamp;

    public bool HasExemplar => ParsedHasExemplar;

    public double ExemplarValue => ParsedExemplarValue;

    /// <summary>The exemplar's timestamp in milliseconds, if it has one.</summary>
    public long? ExemplarTimestamp => ParsedExemplarTimestamp;

    /// <summary>The type of a <see cref="EntryKind.Type"/> entry.</summary>
    public MetricType Type => ParsedType;

    /// <summary>The raw text of a HELP, UNIT or comment entry (HELP still escaped).</summary>
    public ReadOnlySpan<byte> Text => _line.Span[TextStart..];

    /// <summary>The help text of a <see cref="EntryKind.Help"/> entry with its escapes decoded.</summary>
    public string DecodeHelp()
    {
        var text = Text;
        var chars = Scratch(text.Length);
        int length = EscapedText.Unescape(text, chars, unescapeQuote: Format == ExpositionFormat.OpenMetrics);
        return new string(chars[..length]);
    }

    /// <summary>The unit of a <see cref="EntryKind.Unit"/> entry.</summary>
    public string DecodeUnit() => Encoding.UTF8.GetString(Text);

    /// <summary>
    /// Adds the current series' labels to <paramref name="labels"/>, <c>__name__</c> first then in line
    /// order, with escapes decoded and strings interned.
    /// </summary>
    public void FillLabels(List<Label> labels)
    {
        CheckLabels();
        var line = _line.Span;
        labels.Add(new Label(Labels.MetricName, InternName(line[NameStart..NameEnd])));
        AddLabels(line, LabelOffsets, LabelCount, labels);
    }

    /// <summary>
    /// Checks and records the current series' labels if <see cref="DeferLabelChecks"/> left them unchecked;
    /// throws <see cref="ExpositionParseException"/> naming the position of a malformed label set.
    /// </summary>
    public void CheckLabels()
    {
        ScanExpectedSeries();
        if (DeferredLabelsStart < 0) return;
        int start = DeferredLabelsStart;
        DeferredLabelsStart = -1;
        int end = ParseSeriesLabels(_line.Span, start);
        Debug.Assert(end == SeriesEnd, "a label set that parses ends where the scan for its end stopped");
    }

    /// <summary>Adds the exemplar's labels to <paramref name="labels"/>, decoded and interned.</summary>
    public void FillExemplarLabels(List<Label> labels) =>
        AddLabels(_line.Span, ExemplarLabelOffsets, ExemplarLabelCount, labels);

    internal void BeginInput()
    {
        LineNumber = 0;
        ExpectedSeries = null;
        _line = default;
        ResetState();
    }

    /// <summary>
    /// Parses one line (without its line feed; <paramref name="terminated"/> says whether it had one).
    /// Returns false for lines that produce no entry. <paramref name="line"/> must stay valid until the next call.
    /// </summary>
    internal bool TryParseLine(ReadOnlyMemory<byte> line, bool terminated, out EntryKind kind)
    {
        LineNumber++;
        _line = line;
        NameStart = NameEnd = SeriesEnd = TextStart = 0;
        ParsedTimestamp = null;
        ParsedHasExemplar = false;
        ParsedExemplarTimestamp = null;
        LabelCount = 0;
        ExemplarLabelCount = 0;
        DeferredLabelsStart = -1;
        SeriesWasExpected = false;
        return ParseLine(line.Span, terminated, out kind);
    }

    /// <summary>Called when the input is exhausted: returns <see cref="EntryKind.Eof"/> or throws if the format requires more.</summary>
    internal abstract EntryKind EndOfInput();

    private protected abstract void ResetState();

    private protected abstract bool ParseLine(ReadOnlySpan<byte> line, bool terminated, out EntryKind kind);

    /// <summary>Checks and records a series' label set starting after its brace; returns the index after the closing brace.</summary>
    private protected abstract int ParseSeriesLabels(ReadOnlySpan<byte> line, int pos);

    /// <summary>
    /// The index after the brace closing the series' label set that starts at <paramref name="pos"/> (after its
    /// opening brace). With <see cref="DeferLabelChecks"/> the set is only delimited and left for
    /// <see cref="CheckLabels"/>; otherwise, or when it cannot even be delimited, it is checked and recorded now.
    /// </summary>
    private protected int ScanSeriesLabels(ReadOnlySpan<byte> line, int pos)
    {
        int end = DeferLabelChecks ? FindLabelSetEnd(line, pos) : -1;
        if (end < 0) return ParseSeriesLabels(line, pos);
        DeferredLabelsStart = pos;
        return end;
    }

    /// <summary>
    /// Whether the series text starting at <paramref name="pos"/> is exactly <see cref="ExpectedSeries"/>: the
    /// line starts with it there, and scanning the line would end the series text where it ends (a text
    /// closing its label set ends at its brace; a bare name must not go on with more name characters or a
    /// label set). If so, the series text is set to it and its name and labels are left to be found on demand.
    /// </summary>
    private protected bool MatchesExpectedSeries(ReadOnlySpan<byte> line, int pos)
    {
        var expected = ExpectedSeries;
        if (expected is null || !DeferLabelChecks || !line[pos..].StartsWith(expected)) return false;
        int end = pos + expected.Length;
        if (expected[^1] != '}')
        {
            if (end < line.Length && NameSyntax.IsMetricNameChar(line[end])) return false;
            int next = end;
            while (next < line.Length && line[next] is (byte)' ' or (byte)'\t') next++;
            if (next < line.Length && line[next] == '{') return false;
        }
        NameStart = pos;
        NameEnd = -1;
        SeriesEnd = end;
        SeriesWasExpected = true;
        return true;
    }

    /// <summary>
    /// The index after the brace closing the label set that starts at <paramref name="pos"/> (after its
    /// opening brace), or -1 if the line ends first. Only quoted values can hold a brace (label names are
    /// <c>[a-zA-Z0-9_]</c>), so for a well-formed set this is where <see cref="ParseSeriesLabels"/> ends;
    /// anything else is left to it to reject.
    /// </summary>
    private protected static int FindLabelSetEnd(ReadOnlySpan<byte> line, int pos)
    {
        while (pos < line.Length)
        {
            int special = line[pos..].IndexOfAny((byte)'"', (byte)'}');
            if (special < 0) return -1;
            pos += special;
            if (line[pos] == '}') return pos + 1;
            int closeQuote = EscapedText.FindClosingQuote(line, pos);
            if (closeQuote < 0) return -1;
            pos = closeQuote + 1;
        }
        return -1;
    }

    /// <summary>Finds the name and the unchecked label set of an expected series text, once, when they are asked for.</summary>
    private void ScanExpectedSeries()
    {
        if (!SeriesWasExpected || NameEnd >= 0) return;
        var line = _line.Span;
        NameEnd = NameSyntax.ScanMetricName(line, NameStart);
        int brace = line[NameEnd..SeriesEnd].IndexOf((byte)'{');
        if (brace >= 0) DeferredLabelsStart = NameEnd + brace + 1;
    }

    private protected ExpositionParseException Error(ReadOnlySpan<byte> line, int position, string reason) =>
        new(LineNumber, ColumnOf(line, position), reason);

    private protected ExpositionParseException ErrorAfterLastLine(string reason) => new(LineNumber + 1, 1, reason);

    /// <summary>Quotes the character at <paramref name="position"/> for an error message, or names the end of the line.</summary>
    private protected static string Describe(ReadOnlySpan<byte> line, int position)
    {
        if (position >= line.Length) return "end of line";
        var rest = line[position..];
        int length = Math.Min(rest.Length, 1 + (rest[0] >= 0x80 ? 3 : 0));
        return "\"" + Encoding.UTF8.GetString(rest[..length]).TrimEnd('\uFFFD') + "\"";
    }

    private protected static string Quote(ReadOnlySpan<byte> text) => "\"" + Encoding.UTF8.GetString(text) + "\"";

    /// <summary>Records a label's offsets, growing the table; fails on a name seen before in the same set.</summary>
    private protected void AddLabelOffsets(ref int[] offsets, ref int count, ReadOnlySpan<byte> line,
        int nameStart, int nameEnd, int valueStart, int valueEnd, bool isSeries)
    {
        var name = line[nameStart..nameEnd];
        if (isSeries && name.SequenceEqual("__name__"u8))
            throw Error(line, nameStart, "duplicate label name \"__name__\": the metric name is already set");
        for (int i = 0; i < count; i++)
        {
            if (line[offsets[4 * i]..offsets[4 * i + 1]].SequenceEqual(name))
                throw Error(line, nameStart, $"duplicate label name {Quote(name)}");
        }
        if (offsets.Length < 4 * (count + 1)) Array.Resize(ref offsets, offsets.Length * 2);
        offsets[4 * count] = nameStart;
        offsets[4 * count + 1] = nameEnd;
        offsets[4 * count + 2] = valueStart;
        offsets[4 * count + 3] = valueEnd;
        count++;
    }

    private void AddLabels(ReadOnlySpan<byte> line, int[] offsets, int count, List<Label> labels)
    {
        for (int i = 0; i < count; i++)
        {
            var name = InternName(line[offsets[4 * i]..offsets[4 * i + 1]]);
            var escaped = line[offsets[4 * i + 2]..offsets[4 * i + 3]];
            var chars = Scratch(escaped.Length);
            int length = EscapedText.Unescape(escaped, chars, unescapeQuote: true);
            labels.Add(new Label(name, StringInterner.Intern(chars[..length])));
        }
    }

    private string InternName(ReadOnlySpan<byte> asciiName)
    {
        var chars = Scratch(asciiName.Length);
        System.Text.Ascii.ToUtf16(asciiName, chars, out int length);
        return StringInterner.Intern(chars[..length]);
    }

    private Span<char> Scratch(int byteLength)
    {
        if (_scratch.Length < byteLength) _scratch = new char[Math.Max(byteLength, _scratch.Length * 2)];
        return _scratch;
    }

    private static int ColumnOf(ReadOnlySpan<byte> line, int position)
    {
        position = Math.Clamp(position, 0, line.Length);
        int column = 1;
        foreach (var b in line[..position])
        {
            if ((b & 0xC0) != 0x80) column++; // count UTF-8 lead bytes only
        }
        return column;
    }
}
