using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>sample_limit, label limits and body_size_limit fail the whole scrape.</summary>
public sealed class ScrapeLimitTests : IAsyncLifetime
{
    private readonly Head _head = Head.Open(new HeadOptions());
    private TestExporter _exporter = null!;

    public async Task InitializeAsync()
    {
        _exporter = await TestExporter.StartAsync();
        _exporter.Serve("a{x=\"1\"} 1\nb{x=\"22\"} 2\nc 3\n");
    }

    public async Task DisposeAsync()
    {
        await _exporter.DisposeAsync();
        _head.Dispose();
    }

    private async Task<TargetStatus> Scrape(ScrapeTarget target)
    {
        await using var loop = new ScrapeLoop(target, _head);
        await loop.ScrapeAsync(1000, CancellationToken.None);
        return loop.Status;
    }

    [Fact]
    public async Task SampleLimitFailsTheScrapeButCountsThePage()
    {
        await using var loop = new ScrapeLoop(TestTargets.For(_exporter.MetricsUrl).With(sampleLimit: 2), _head);
        await loop.ScrapeAsync(1000, CancellationToken.None);

        Assert.Equal(TargetHealth.Down, loop.Status.Health);
        Assert.Equal("sample limit exceeded", loop.Status.LastError);
        Assert.Equal(1, loop.Counters.SampleLimitExceeded);
        Assert.Empty(StoredSamples.Of(_head, "__name__", "a"));
        Assert.Equal([(1000L, 3.0)], StoredSamples.Of(_head, "__name__", "scrape_samples_scraped"));
        Assert.Equal([(1000L, 0.0)], StoredSamples.Of(_head, "__name__", "up"));
    }

    [Fact]
    public async Task SampleLimitCountsSamplesAfterRelabeling()
    {
        var target = TestTargets.For(_exporter.MetricsUrl).With(sampleLimit: 2,
            metricRelabel: labels => labels.MetricNameValue == "c" ? null : labels);
        Assert.Equal(TargetHealth.Up, (await Scrape(target)).Health);
    }

    [Theory]
    [InlineData(4, 0, 0, "label_limit exceeded (metric: a, number of labels: 4, limit: 3)")]
    [InlineData(0, 3, 0, "label_name_length_limit exceeded (metric: a, label name: __name__, length: 8, limit: 3)")]
    [InlineData(0, 0, 1, "label_value_length_limit exceeded (metric: a, label name: instance, value: \"exporter:1\", length: 10, limit: 1)")]
    public async Task LabelLimitsFailTheScrape(int labelLimit, int nameLength, int valueLength, string error)
    {
        // Series carry __name__, job, instance and at most x: 4 labels, names of up to 8 bytes, values of up to 10.
        var within = TestTargets.For(_exporter.MetricsUrl).With(labelLimit: labelLimit == 0 ? 0 : 4,
            labelNameLengthLimit: nameLength == 0 ? 0 : 8, labelValueLengthLimit: valueLength == 0 ? 0 : 10);
        var passed = await Scrape(within);
        Assert.True(passed.Health == TargetHealth.Up, passed.LastError);

        var exceeded = TestTargets.For(_exporter.MetricsUrl).With(labelLimit: labelLimit == 0 ? 0 : labelLimit - 1,
            labelNameLengthLimit: nameLength, labelValueLengthLimit: valueLength);
        var status = await Scrape(exceeded);
        Assert.Equal(TargetHealth.Down, status.Health);
        Assert.Equal(error, status.LastError);
    }

    [Fact]
    public async Task BodySizeLimitFailsTheScrape()
    {
        var page = string.Concat(Enumerable.Range(0, 1000).Select(i => $"g{{i=\"{i}\"}} {i}\n"));
        _exporter.Serve(page, gzip: true);
        var status = await Scrape(TestTargets.For(_exporter.MetricsUrl).With(bodySizeLimit: 4096));

        Assert.Equal(TargetHealth.Down, status.Health);
        Assert.Equal("body size limit exceeded: more than 4096 bytes", status.LastError);
        Assert.Empty(StoredSamples.Series(_head, "__name__", "g"));
    }
}
