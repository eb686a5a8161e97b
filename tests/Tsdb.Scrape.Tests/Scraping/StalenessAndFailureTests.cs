using Microsoft.AspNetCore.Http;
using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>Staleness markers for vanished series, and failed scrapes: nothing stored, target down, everything stale.</summary>
public sealed class StalenessAndFailureTests : IAsyncLifetime
{
    private readonly Head _head = Head.Open(new HeadOptions());
    private TestExporter _exporter = null!;

    public async Task InitializeAsync() => _exporter = await TestExporter.StartAsync();

    public async Task DisposeAsync()
    {
        await _exporter.DisposeAsync();
        _head.Dispose();
    }

    private static bool IsStale(double value) => BitConverter.DoubleToUInt64Bits(value) == 0x7ff0000000000002UL;

    private List<(long Timestamp, double Value)> Samples(string name) => StoredSamples.Of(_head, "__name__", name);

    [Fact]
    public async Task VanishedSeriesGetAStaleMarkerAtTheNextScrapeTime()
    {
        await using var loop = new ScrapeLoop(TestTargets.For(_exporter.MetricsUrl), _head);
        _exporter.Serve("a 1\nb 2\n");
        await loop.ScrapeAsync(1000, CancellationToken.None);
        _exporter.Serve("a 3\n");
        await loop.ScrapeAsync(2000, CancellationToken.None);
        _exporter.Serve("a 4\nb 5\n");
        await loop.ScrapeAsync(3000, CancellationToken.None);

        var b = Samples("b");
        Assert.Equal([1000L, 2000L, 3000L], b.Select(s => s.Timestamp));
        Assert.True(IsStale(b[1].Value), $"expected the staleness marker bits, got {BitConverter.DoubleToUInt64Bits(b[1].Value):x16}");
        Assert.Equal(5.0, b[2].Value);
        Assert.Equal([(1000L, 1.0), (2000L, 3.0), (3000L, 4.0)], Samples("a"));
    }

    [Fact]
    public async Task SeriesWithTheirOwnTimestampsAreNotStaled()
    {
        await using var loop = new ScrapeLoop(TestTargets.For(_exporter.MetricsUrl), _head);
        _exporter.Serve("own 1 500\nplain 1\n");
        await loop.ScrapeAsync(1000, CancellationToken.None);
        _exporter.Serve("other 1\n");
        await loop.ScrapeAsync(2000, CancellationToken.None);

        Assert.Equal([(500L, 1.0)], Samples("own"));
        Assert.True(IsStale(Samples("plain")[^1].Value));
    }

    [Fact]
    public async Task HttpErrorMarksTargetDownAndAllSeriesStale()
    {
        await using var loop = new ScrapeLoop(TestTargets.For(_exporter.MetricsUrl), _head);
        _exporter.Serve("a 1\nb 2\n");
        await loop.ScrapeAsync(1000, CancellationToken.None);
        _exporter.Respond(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        await loop.ScrapeAsync(2000, CancellationToken.None);

        Assert.Equal(TargetHealth.Down, loop.Status.Health);
        Assert.Equal("server returned HTTP status 500 Internal Server Error", loop.Status.LastError);
        AssertStaleAt(2000, "a", "b");
        Assert.Equal([(1000L, 1.0), (2000L, 0.0)], Samples("up"));
        Assert.Equal(0.0, Samples("scrape_samples_scraped")[^1].Value);
        Assert.Equal(1, loop.Counters.Failures);

        // A second failure has nothing left to mark stale; recovery brings the target up again.
        await loop.ScrapeAsync(3000, CancellationToken.None);
        Assert.Equal(2, Samples("a").Count);
        _exporter.Serve("a 7\n");
        await loop.ScrapeAsync(4000, CancellationToken.None);
        Assert.Equal(TargetHealth.Up, loop.Status.Health);
        Assert.Equal((4000L, 7.0), Samples("a")[^1]);
    }

    [Fact]
    public async Task MalformedPageStoresNothingAndNamesThePosition()
    {
        await using var loop = new ScrapeLoop(TestTargets.For(_exporter.MetricsUrl), _head);
        _exporter.Serve("a 1\nb 2\n");
        await loop.ScrapeAsync(1000, CancellationToken.None);
        _exporter.Serve("a 3\nb 4\nnew 5\nc{x=\"1\" 6\n");
        await loop.ScrapeAsync(2000, CancellationToken.None);

        Assert.Equal(TargetHealth.Down, loop.Status.Health);
        Assert.StartsWith("line 4, column ", loop.Status.LastError);
        AssertStaleAt(2000, "a", "b");
        Assert.Empty(Samples("new"));
        Assert.Equal((2000L, 0.0), Samples("up")[^1]);
        // The report counts what was read before the error.
        Assert.Equal((2000L, 3.0), Samples("scrape_samples_scraped")[^1]);
    }

    [Fact]
    public async Task TimeoutMarksTargetDown()
    {
        var target = TestTargets.For(_exporter.MetricsUrl).With(timeout: TimeSpan.FromMilliseconds(150));
        await using var loop = new ScrapeLoop(target, _head);
        _exporter.Serve("a 1\n");
        await loop.ScrapeAsync(1000, CancellationToken.None);
        _exporter.Respond(async context =>
        {
            await context.Response.WriteAsync("a 2\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(30_000, context.RequestAborted);
        });
        await loop.ScrapeAsync(2000, CancellationToken.None);

        Assert.Equal(TargetHealth.Down, loop.Status.Health);
        Assert.Equal("scrape timed out after 0.15s", loop.Status.LastError);
        AssertStaleAt(2000, "a");
        // The answer would take 30 s: a scrape cut by its timeout ends long before, however busy the machine
        // (under a full test run it has taken up to 1.8 s to get its thread back).
        Assert.True(loop.Status.LastScrapeDuration < TimeSpan.FromSeconds(10), $"took {loop.Status.LastScrapeDuration}");
    }

    [Fact]
    public async Task UnreachableTargetIsDown()
    {
        var closed = new Uri("http://127.0.0.1:1/metrics");
        await using var loop = new ScrapeLoop(TestTargets.For(closed), _head);
        await loop.ScrapeAsync(1000, CancellationToken.None);

        Assert.Equal(TargetHealth.Down, loop.Status.Health);
        Assert.NotEqual("", loop.Status.LastError);
        Assert.Equal([(1000L, 0.0)], Samples("up"));
    }

    private void AssertStaleAt(long timestamp, params string[] names)
    {
        foreach (var name in names)
        {
            var last = Samples(name)[^1];
            Assert.Equal(timestamp, last.Timestamp);
            Assert.True(IsStale(last.Value), $"{name}: expected a staleness marker at {timestamp}, got {last.Value}");
        }
    }
}
