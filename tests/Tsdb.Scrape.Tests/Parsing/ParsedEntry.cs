using System.IO.Pipelines;
using System.Text;
using Tsdb.Scrape.Parsing;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Parsing;

/// <summary>One parser entry copied out into comparable values (labels as name/value text, floats as bits).</summary>
internal sealed record ParsedEntry(
    EntryKind Kind,
    string Name,
    string Text = "",
    MetricType Type = MetricType.Unknown,
    string Labels = "",
    ulong ValueBits = 0,
    long? Timestamp = null,
    string? ExemplarLabels = null,
    ulong ExemplarValueBits = 0,
    long? ExemplarTimestamp = null)
{
    public static string FormatLabels(IEnumerable<Label> labels) =>
        string.Join(", ", labels.Select(l => $"{l.Name}={LabelText.EscapeValue(l.Value)}"));

    public static ParsedEntry Capture(ExpositionParser parser, EntryKind kind)
    {
        var name = Encoding.UTF8.GetString(parser.MetricName);
        switch (kind)
        {
            case EntryKind.Help: return new(kind, name, parser.DecodeHelp());
            case EntryKind.Unit: return new(kind, name, parser.DecodeUnit());
            case EntryKind.Type: return new(kind, name, Type: parser.Type);
            case EntryKind.Comment: return new(kind, "", Encoding.UTF8.GetString(parser.Text));
            case EntryKind.Eof: return new(kind, "");
        }
        var labels = new List<Label>();
        parser.FillLabels(labels);
        Assert.Equal(Tsdb.Storage.Labels.MetricName, labels[0].Name);
        string? exemplarLabels = null;
        if (parser.HasExemplar)
        {
            var exemplar = new List<Label>();
            parser.FillExemplarLabels(exemplar);
            exemplarLabels = FormatLabels(exemplar);
        }
        return new ParsedEntry(kind, labels[0].Value, Encoding.UTF8.GetString(parser.Series), Labels: FormatLabels(labels.Skip(1)),
            ValueBits: BitConverter.DoubleToUInt64Bits(parser.Value), Timestamp: parser.Timestamp,
            ExemplarLabels: exemplarLabels,
            ExemplarValueBits: parser.HasExemplar ? BitConverter.DoubleToUInt64Bits(parser.ExemplarValue) : 0,
            ExemplarTimestamp: parser.ExemplarTimestamp);
    }

    /// <summary>
    /// Every entry of the page. With <paramref name="deferLabelChecks"/> the parser only finds where each
    /// series text ends, and the labels are checked when <see cref="Capture"/> decodes them, as the scrape
    /// does for a series it has not seen.
    /// </summary>
    public static List<ParsedEntry> ParseAll(ExpositionFormat format, byte[] body, bool deferLabelChecks = false)
    {
        var parser = ExpositionParser.Create(format);
        parser.DeferLabelChecks = deferLabelChecks;
        parser.Reset(body);
        var entries = new List<ParsedEntry>();
        EntryKind kind;
        do
        {
            kind = parser.Next();
            entries.Add(Capture(parser, kind));
        } while (kind != EntryKind.Eof);
        return entries;
    }

    public static async Task<List<ParsedEntry>> ParseAllAsync(ExpositionFormat format, PipeReader pipe, bool deferLabelChecks = false)
    {
        var parser = ExpositionParser.Create(format);
        parser.DeferLabelChecks = deferLabelChecks;
        using var reader = new PipeExpositionReader(pipe, parser);
        var entries = new List<ParsedEntry>();
        EntryKind kind;
        do
        {
            kind = await reader.NextAsync();
            entries.Add(Capture(reader.Parser, kind));
        } while (kind != EntryKind.Eof);
        return entries;
    }

    public static List<ParsedEntry> ParseAllSegmented(ExpositionFormat format, byte[] body, int segmentSize, bool deferLabelChecks = false) =>
        ParseAllAsync(format, new TricklePipeReader(body, segmentSize), deferLabelChecks).GetAwaiter().GetResult();
}
