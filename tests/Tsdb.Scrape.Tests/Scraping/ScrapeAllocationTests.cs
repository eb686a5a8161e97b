using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Tsdb.Scrape.Parsing;
using Tsdb.Scrape.Scraping;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>Once a target's series are cached, ingesting a page allocates nothing per sample.</summary>
public class ScrapeAllocationTests
{
    [Fact]
    public async Task SteadyStateIngestDoesNotAllocatePerSample()
    {
        using var head = Head.Open(new HeadOptions());
        var target = TestTargets.For(new Uri("http://127.0.0.1:9100/metrics"));
        var cache = new ScrapeCache();
        var ingester = new ScrapeIngester(target, cache);
        var appender = head.Appender();
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText);
        var page = Page(5000);

        long timestamp = 1000;
        async Task<long> Ingest(byte[] page)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var pipe = PipeReader.Create(new ReadOnlySequence<byte>(page));
            using (var reader = new PipeExpositionReader(pipe, parser))
                await ingester.IngestAsync(reader, appender, timestamp += 1000, CancellationToken.None);
            appender.Commit();
            cache.EndScrape(succeeded: true);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // The first scrapes create the series, fill the cache and grow the appender's buffers.
        await Ingest(page);
        await Ingest(page);
        long allocated = await Ingest(page);
        Assert.Equal(5000, ingester.Scraped);
        Assert.Equal(0, ingester.SeriesAdded);

        // What remains is per page (pipe, reader): well under one byte per sample.
        Assert.True(allocated < 4096, $"ingesting 5000 cached samples allocated {allocated} bytes");
        Assert.Equal(5000, StoredSamples.Series(head, "__name__", "m").Count);
    }

    private static byte[] Page(int series)
    {
        var text = new StringBuilder();
        for (int i = 0; i < series; i++) text.Append("m{i=\"").Append(i).Append("\",kind=\"steady\"} ").Append(i * 0.5).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
