using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Scrape.Parsing;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Parsing;

/// <summary>
/// Random metric families written with <see cref="ExpositionWriter"/> parse back to exactly what was
/// written, from one buffer and from a pipe that trickles the bytes in small segments.
/// </summary>
public class ExpositionRoundTripTests
{
    private sealed record Sample(string Suffix, Label[] Labels, double Value, long? Timestamp, Exemplar? Exemplar);

    private sealed record Family(string Name, MetricType Type, string? Help, string? Unit, Sample[] Samples);

    private sealed record Page(Family[] Families, int SegmentSize);

    private static readonly string[] TextPieces =
        ["a", "Z", "0", " ", "\\", "\"", "\n", "\t", "{", "}", ",", "=", "#", "é", "日本", "🙂", "\\n", "\\\\\"", "x y"];

    private static Gen<string> Identifier(string first, string rest, int maxRest) =>
        from head in Gen.Elements(first.ToCharArray())
        from tail in Gen.ArrayOf(Gen.Elements(rest.ToCharArray())).Select(a => a.Take(maxRest).ToArray())
        select head + new string(tail);

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";

    private static readonly Gen<string> MetricName = Identifier(Letters + ":", Letters + ":0123456789", 12);

    private static readonly Gen<string> LabelName =
        Identifier(Letters, Letters + "0123456789", 8).Where(n => n != Labels.MetricName);

    private static readonly Gen<string> FreeText = Gen.ArrayOf(Gen.Elements(TextPieces)).Select(p => string.Concat(p.Take(8)));

    private static readonly Gen<double> AnyDouble = Gen.Frequency(
        (3, from hi in Gen.Choose(int.MinValue, int.MaxValue)
            from lo in Gen.Choose(int.MinValue, int.MaxValue)
            select BitConverter.UInt64BitsToDouble(((ulong)(uint)hi << 32) | (uint)lo)),
        (2, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e6, 123456.0, 1e-5,
            0.0001, double.Epsilon, double.MaxValue, -double.MinValue)),
        (2, Gen.Choose(-100000, 100000).Select(i => i / 8.0)));

    private static readonly Gen<long?> Timestamp = Gen.Frequency(
        (1, Gen.Constant<long?>(null)),
        (2, from seconds in Gen.Choose(-2_000_000_000, 2_000_000_000)
            from millis in Gen.Choose(0, 999)
            select (long?)(seconds * 1000L + millis)));

    private static Gen<Label[]> LabelSet(int max) =>
        Gen.ArrayOf(from n in LabelName from v in FreeText select new Label(n, v))
            .Select(ls => ls.DistinctBy(l => l.Name).Take(max).ToArray());

    private static Gen<Sample> SampleGen(bool openMetrics) =>
        from suffix in Gen.Elements("", "_total", "_bucket", "_created", "_sum")
        from labels in LabelSet(6)
        from value in AnyDouble
        from timestamp in Timestamp
        from exemplar in openMetrics
            ? Gen.Frequency(
                (2, Gen.Constant<Exemplar?>(null)),
                (1, from l in LabelSet(3) from v in AnyDouble from t in Timestamp select (Exemplar?)new Exemplar(l, v, t)))
            : Gen.Constant<Exemplar?>(null)
        select new Sample(suffix, labels, value, timestamp, exemplar);

    private static Gen<Family> FamilyGen(bool openMetrics) =>
        from name in MetricName
        from type in Gen.Elements(openMetrics
            ? Enum.GetValues<MetricType>()
            : [MetricType.Counter, MetricType.Gauge, MetricType.Histogram, MetricType.Summary, MetricType.Unknown])
        from help in Gen.OneOf(Gen.Constant<string?>(null), FreeText.Select(h => (string?)h))
        from unit in openMetrics
            ? Gen.OneOf(Gen.Constant<string?>(null), Identifier("abcdefgh", "abcdefgh", 5).Select(u => (string?)u))
            : Gen.Constant<string?>(null)
        from samples in Gen.ArrayOf(SampleGen(openMetrics)).Select(s => s.Take(6).ToArray())
        select new Family(unit is null ? name : $"{name}_{unit}", type, help, unit, samples);

    private static Arbitrary<Page> Pages(bool openMetrics) =>
        (from families in Gen.ArrayOf(FamilyGen(openMetrics)).Select(f => f.Take(5).ToArray())
         from segmentSize in Gen.Choose(1, 16)
         select new Page(families, segmentSize)).ToArbitrary();

    [Fact]
    public void PrometheusTextRoundTrips() => CheckRoundTrip(ExpositionFormat.PrometheusText);

    [Fact]
    public void OpenMetricsRoundTrips() => CheckRoundTrip(ExpositionFormat.OpenMetrics);

    private static void CheckRoundTrip(ExpositionFormat format)
    {
        bool openMetrics = format == ExpositionFormat.OpenMetrics;
        Prop.ForAll(Pages(openMetrics), page =>
        {
            var body = Render(page, format);
            var expected = Expected(page);
            Assert.Equal(expected, ParsedEntry.ParseAll(format, body));
            Assert.Equal(expected, ParsedEntry.ParseAllSegmented(format, body, page.SegmentSize));
            Assert.Equal(expected, ParsedEntry.ParseAll(format, body, deferLabelChecks: true));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    private static byte[] Render(Page page, ExpositionFormat format)
    {
        var text = new StringWriter { NewLine = "\n" };
        var writer = new ExpositionWriter(text, format);
        foreach (var family in page.Families)
        {
            if (family.Help is not null) writer.WriteHelp(family.Name, family.Help);
            writer.WriteType(family.Name, family.Type);
            if (family.Unit is not null) writer.WriteUnit(family.Name, family.Unit);
            foreach (var s in family.Samples)
                writer.WriteSample(family.Name + s.Suffix, s.Labels, s.Value, s.Timestamp, s.Exemplar);
        }
        writer.WriteEof();
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static List<ParsedEntry> Expected(Page page)
    {
        var entries = new List<ParsedEntry>();
        foreach (var family in page.Families)
        {
            if (family.Help is not null) entries.Add(new(EntryKind.Help, family.Name, family.Help));
            entries.Add(new(EntryKind.Type, family.Name, Type: family.Type));
            if (family.Unit is not null) entries.Add(new(EntryKind.Unit, family.Name, family.Unit));
            foreach (var s in family.Samples)
            {
                var name = family.Name + s.Suffix;
                var series = s.Labels.Length == 0
                    ? name
                    : name + "{" + string.Join(",", s.Labels.Select(l => $"{l.Name}=\"{LabelText.EscapeValue(l.Value)}\"")) + "}";
                entries.Add(new ParsedEntry(EntryKind.Series, name, series, Labels: ParsedEntry.FormatLabels(s.Labels),
                    ValueBits: Bits(s.Value), Timestamp: s.Timestamp,
                    ExemplarLabels: s.Exemplar is { } e ? ParsedEntry.FormatLabels(e.Labels) : null,
                    ExemplarValueBits: s.Exemplar is { } ev ? Bits(ev.Value) : 0,
                    ExemplarTimestamp: s.Exemplar?.TimestampMs));
            }
        }
        entries.Add(new ParsedEntry(EntryKind.Eof, ""));
        return entries;
    }

    /// <summary>A value's bits after parsing: every NaN comes back as Prometheus's canonical NaN.</summary>
    private static ulong Bits(double value) =>
        double.IsNaN(value) ? 0x7ff8000000000001UL : BitConverter.DoubleToUInt64Bits(value);
}
