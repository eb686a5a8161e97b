using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Tsdb.Scrape.Parsing;
using Tsdb.Storage;

namespace Tsdb.Benchmarks;

/// <summary>
/// Parse throughput of whole scrape pages: a node-exporter page and a generated 10k-series page, in
/// both formats, from one buffer and through a pipe. Divide the page size (reported as BytesPerPage)
/// and the sample count (SamplesPerPage) by the mean time for MB/s and samples/s.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private byte[] _page = [];
    private ExpositionParser _parser = null!;

    public enum Page { NodeExporter, Generated10k }

    [Params(Page.NodeExporter, Page.Generated10k)]
    public Page Source { get; set; }

    [Params(ExpositionFormat.PrometheusText, ExpositionFormat.OpenMetrics)]
    public ExpositionFormat Format { get; set; }

    public int BytesPerPage => _page.Length;

    public int SamplesPerPage { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _page = Source == Page.NodeExporter ? NodeExporterPage(Format) : GeneratedPage(Format, 10_000);
        _parser = ExpositionParser.Create(Format);
        SamplesPerPage = (int)ParseBuffer();
        Console.WriteLine($"// {Source}/{Format}: {BytesPerPage} bytes, {SamplesPerPage} samples per page");
    }

    /// <summary>The scrape loop's hot path for known series: series bytes, value and timestamp, no label decoding.</summary>
    [Benchmark(Baseline = true)]
    public long ParseBuffer()
    {
        _parser.Reset(_page);
        long samples = 0;
        for (var kind = _parser.Next(); kind != EntryKind.Eof; kind = _parser.Next())
        {
            if (kind == EntryKind.Series && _parser.Series.Length > 0 && _parser.Timestamp is null) samples++;
        }
        return samples;
    }

    /// <summary>The same through a pipe, as a scrape body arrives.</summary>
    [Benchmark]
    public async Task<long> ParsePipe()
    {
        var pipe = PipeReader.Create(new ReadOnlySequence<byte>(_page));
        using var reader = new PipeExpositionReader(pipe, _parser);
        long samples = 0;
        for (var kind = await reader.NextAsync(); kind != EntryKind.Eof; kind = await reader.NextAsync())
        {
            if (kind == EntryKind.Series) samples++;
        }
        return samples;
    }

    /// <summary>The first scrape of a target: every series' labels decoded and interned.</summary>
    [Benchmark]
    public long ParseBufferWithLabels()
    {
        var labels = new List<Label>(16);
        _parser.Reset(_page);
        long count = 0;
        for (var kind = _parser.Next(); kind != EntryKind.Eof; kind = _parser.Next())
        {
            if (kind != EntryKind.Series) continue;
            labels.Clear();
            _parser.FillLabels(labels);
            count += labels.Count;
        }
        return count;
    }

    private static byte[] NodeExporterPage(ExpositionFormat format)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "node-exporter.prom");
        var text = File.ReadAllText(path);
        if (format == ExpositionFormat.OpenMetrics)
            text = Regex.Replace(text, "^(# TYPE \\S+) untyped$", "$1 unknown", RegexOptions.Multiline) + "# EOF\n";
        return Encoding.UTF8.GetBytes(text);
    }

    private static byte[] GeneratedPage(ExpositionFormat format, int series)
    {
        var text = new StringWriter();
        var writer = new ExpositionWriter(text, format);
        var random = new Random(42);
        const int seriesPerFamily = 100;
        for (int family = 0; family < series / seriesPerFamily; family++)
        {
            var name = $"app_requests_{family}_total";
            writer.WriteHelp(name, "Requests handled, by handler and status code.");
            writer.WriteType(name, MetricType.Counter);
            for (int i = 0; i < seriesPerFamily; i++)
            {
                Label[] labels =
                [
                    new("handler", $"/api/v1/resource_{i % 20}"), new("code", (200 + i / 20 * 100).ToString()),
                    new("instance", "10.0.0.1:9100"), new("job", "app"),
                ];
                writer.WriteSample(name, labels, Math.Round(random.NextDouble() * 1e6, 3));
            }
        }
        writer.WriteEof();
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
