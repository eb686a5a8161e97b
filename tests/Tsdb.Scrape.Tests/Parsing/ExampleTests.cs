using System.Globalization;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;
using Tsdb.Scrape.Parsing;

namespace Tsdb.Scrape.Tests.Parsing;

/// <summary>Real and reference pages: a node-exporter scrape, the text format's example, an OpenMetrics page with exemplars.</summary>
public class ExampleTests
{
    internal static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Parsing", "TestData", name));

    private static readonly ulong NormalNaN = 0x7ff8000000000001UL;

    [Fact]
    public void NodeExporterPageParsesLineForLine()
    {
        var body = Load("node-exporter.prom");
        var lines = Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = ParsedEntry.ParseAll(ExpositionFormat.PrometheusText, body);

        Assert.Equal(lines.Length + 1, entries.Count);
        Assert.Equal(EntryKind.Eof, entries[^1].Kind);
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var entry = entries[i];
            if (line.StartsWith("# HELP ")) Assert.Equal(EntryKind.Help, entry.Kind);
            else if (line.StartsWith("# TYPE ")) Assert.Equal(EntryKind.Type, entry.Kind);
            else
            {
                // node-exporter writes "series value" with no timestamps and no spaces inside series.
                int space = line.LastIndexOf(' ');
                Assert.Equal(EntryKind.Series, entry.Kind);
                Assert.Equal(line[..space], entry.Text);
                Assert.Equal(ExpectedBits(line[(space + 1)..]), entry.ValueBits);
                Assert.Null(entry.Timestamp);
            }
        }
        Assert.Contains(entries, e => e is { Kind: EntryKind.Type, Name: "node_cpu_seconds_total", Type: MetricType.Counter });
        Assert.Contains(entries, e => e is { Kind: EntryKind.Series, Name: "go_gc_duration_seconds", Labels: "quantile=0" });
    }

    [Fact]
    public void TextFormatExampleParses()
    {
        var entries = ParsedEntry.ParseAll(ExpositionFormat.PrometheusText, Load("text-format-example.prom"));
        var series = entries.Where(e => e.Kind == EntryKind.Series).ToList();

        Assert.Equal(20, series.Count);
        Assert.Equal(5, entries.Count(e => e.Kind == EntryKind.Comment));
        Assert.Contains(new ParsedEntry(EntryKind.Comment, "", "Escaping in label values:"), entries);
        Assert.Contains(new ParsedEntry(EntryKind.Help, "http_requests_total", "The total number of HTTP requests."), entries);
        Assert.Equal(new ParsedEntry(EntryKind.Series, "http_requests_total", "http_requests_total{method=\"post\",code=\"400\"}",
            Labels: "method=post, code=400", ValueBits: Bits(3), Timestamp: 1395066363000), series[1]);
        Assert.Equal("path=C:\\\\DIR\\\\FILE.TXT, error=Cannot find file:\\n\\\"FILE.TXT\\\"", series[2].Labels);
        Assert.Equal(Bits(1.458255915e9), series[2].ValueBits);
        Assert.Equal((Bits(double.PositiveInfinity), -3982045L), (series[4].ValueBits, series[4].Timestamp!.Value));
        Assert.Equal((Bits(1.7560473e+07), "rpc_duration_seconds_sum"), (series[18].ValueBits, series[18].Name));
    }

    [Fact]
    public void OpenMetricsExampleParsesExemplarsUnitsAndCreated()
    {
        var entries = ParsedEntry.ParseAll(ExpositionFormat.OpenMetrics, Load("openmetrics-example.om"));
        var series = entries.Where(e => e.Kind == EntryKind.Series).ToDictionary(e => e.Text);

        Assert.Contains(new ParsedEntry(EntryKind.Unit, "acme_http_router_request_seconds", "seconds"), entries);
        Assert.Contains(new ParsedEntry(EntryKind.Type, "queue", Type: MetricType.GaugeHistogram), entries);
        Assert.Contains(new ParsedEntry(EntryKind.Type, "feature", Type: MetricType.StateSet), entries);
        Assert.Contains(new ParsedEntry(EntryKind.Type, "build_info", Type: MetricType.Info), entries);
        Assert.Contains(new ParsedEntry(EntryKind.Help, "escaped_help", "A \"quoted\" help with a \\ backslash\nand a newline."), entries);

        Assert.Equal(Bits(1605281325.0), series["acme_http_router_request_seconds_created{path=\"/api/v1\",method=\"GET\"}"].ValueBits);
        Assert.Equal(Bits(1520430000.123), series["foo_created"].ValueBits);
        Assert.Equal(Bits(4.20072246e+06), series["process_cpu_seconds_total"].ValueBits);

        var first = series["foo_bucket{le=\"0.1\"}"];
        Assert.Equal(("trace_id=KOO5S4vxi0o", Bits(0.067), 1605281325000L), (first.ExemplarLabels, first.ExemplarValueBits, first.ExemplarTimestamp!.Value));
        Assert.Null(first.Timestamp);
        var second = series["foo_bucket{le=\"1.0\"}"];
        Assert.Equal(("", Bits(0.75), (long?)null), (second.ExemplarLabels, second.ExemplarValueBits, second.ExemplarTimestamp));
        var third = series["foo_bucket{le=\"+Inf\"}"];
        Assert.Equal(1520879607789L, third.Timestamp);
        Assert.Equal(("trace_id=oHg5SJYRHA0, span=x\\\"y", 1520879607789L), (third.ExemplarLabels, third.ExemplarTimestamp!.Value));
        Assert.Null(series["foo_count"].ExemplarLabels);
        Assert.Equal(NormalNaN, series["escaped_help"].ValueBits);
        Assert.Equal(EntryKind.Eof, entries[^1].Kind);
    }

    [Theory]
    [InlineData("node-exporter.prom", ExpositionFormat.PrometheusText)]
    [InlineData("text-format-example.prom", ExpositionFormat.PrometheusText)]
    [InlineData("openmetrics-example.om", ExpositionFormat.OpenMetrics)]
    public void PipeReaderMatchesWholeBuffer(string file, ExpositionFormat format)
    {
        var body = Load(file);
        var whole = ParsedEntry.ParseAll(format, body);
        Assert.Equal(whole, ParsedEntry.ParseAllSegmented(format, body, 1));
        Assert.Equal(whole, ParsedEntry.ParseAllSegmented(format, body, 7));
    }

    [Fact]
    public async Task GzippedBodyParsesThroughAPipe()
    {
        var body = Load("node-exporter.prom");
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(body);
        compressed.Position = 0;
        var pipe = PipeReader.Create(new GZipStream(compressed, CompressionMode.Decompress), new StreamPipeReaderOptions(bufferSize: 512));

        var parsed = await ParsedEntry.ParseAllAsync(ExpositionFormat.PrometheusText, pipe);
        await pipe.CompleteAsync();

        Assert.Equal(ParsedEntry.ParseAll(ExpositionFormat.PrometheusText, body), parsed);
    }

    [Fact]
    public void KnownSeriesParseWithoutAllocating()
    {
        var body = Load("node-exporter.prom");
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText);
        double checksum = Consume(parser, body); // warm up: JIT, scratch buffers

        long before = GC.GetAllocatedBytesForCurrentThread();
        double again = Consume(parser, body);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(checksum, again);
    }

    private static double Consume(ExpositionParser parser, byte[] body)
    {
        parser.Reset(body);
        double sum = 0;
        for (var kind = parser.Next(); kind != EntryKind.Eof; kind = parser.Next())
        {
            if (kind == EntryKind.Series && double.IsFinite(parser.Value)) sum += parser.Value + parser.Series.Length + (parser.Timestamp ?? 0);
        }
        return sum;
    }

    private static ulong Bits(double value) => BitConverter.DoubleToUInt64Bits(value);

    private static ulong ExpectedBits(string token) => token switch
    {
        "NaN" => NormalNaN,
        "+Inf" => Bits(double.PositiveInfinity),
        "-Inf" => Bits(double.NegativeInfinity),
        _ => Bits(double.Parse(token, CultureInfo.InvariantCulture)),
    };
}
