using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tsdb.Scrape.Parsing;
using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Benchmarks;

/// <summary>
/// The steady-state scrape path without the network: a 10k-series page whose series are all in the
/// target's cache is parsed from a pipe, each sample found by its series text and appended by reference,
/// staleness is checked and the batch committed to an in-memory head. Divide 10,000 by the mean time for
/// samples/s; allocations should be a few hundred bytes per page.
/// </summary>
[MemoryDiagnoser]
public class ScrapeBenchmarks
{
    private const int Series = 10_000;

    private byte[] _page = [];
    private Head _head = null!;
    private IAppender _appender = null!;
    private ScrapeCache _cache = null!;
    private ScrapeIngester _ingester = null!;
    private ExpositionParser _parser = null!;
    private long _timestamp;

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (int i = 0; i < Series; i++)
        {
            text.Append("http_requests_total{handler=\"/api/v1/h").Append(i % 100)
                .Append("\",code=\"").Append(200 + i / 100).Append("\",method=\"GET\"} ").Append(i * 3).Append('\n');
        }
        _page = Encoding.UTF8.GetBytes(text.ToString());
        _head = Head.Open(new HeadOptions());
        _appender = _head.Appender();
        var target = new ScrapeTarget
        {
            JobName = "bench",
            Labels = Labels.FromPairs("job", "bench", "instance", "localhost:9100"),
            Url = new Uri("http://localhost:9100/metrics"),
            Interval = TimeSpan.FromSeconds(15),
            Timeout = TimeSpan.FromSeconds(10),
        };
        _cache = new ScrapeCache();
        _ingester = new ScrapeIngester(target, _cache);
        _parser = ExpositionParser.Create(ExpositionFormat.PrometheusText);
        _timestamp = 1_700_000_000_000;
        Scrape().AsTask().GetAwaiter().GetResult(); // creates the series and fills the cache
    }

    [GlobalCleanup]
    public void Cleanup() => _head.Dispose();

    [Benchmark]
    public async ValueTask<int> Scrape()
    {
        var pipe = PipeReader.Create(new ReadOnlySequence<byte>(_page));
        using (var reader = new PipeExpositionReader(pipe, _parser))
            await _ingester.IngestAsync(reader, _appender, _timestamp += 15_000, CancellationToken.None);
        var commit = _appender.Commit();
        _cache.EndScrape(succeeded: true);
        return commit.Appended;
    }
}
