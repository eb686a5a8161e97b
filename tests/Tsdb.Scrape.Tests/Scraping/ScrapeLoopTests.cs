using Tsdb.Scrape.Parsing;
using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>What one scrape stores: samples, labels, timestamps, the report series, request headers.</summary>
public sealed class ScrapeLoopTests : IAsyncLifetime
{
    private readonly Head _head = Head.Open(new HeadOptions());
    private TestExporter _exporter = null!;

    public async Task InitializeAsync() => _exporter = await TestExporter.StartAsync();

    public async Task DisposeAsync()
    {
        await _exporter.DisposeAsync();
        _head.Dispose();
    }

    private async Task<ScrapeLoop> ScrapeOnce(ScrapeTarget target, long timestamp)
    {
        var loop = new ScrapeLoop(target, _head);
        await loop.ScrapeAsync(timestamp, CancellationToken.None);
        return loop;
    }

    [Fact]
    public async Task SamplesAndReportSeriesCarryTheTargetLabels()
    {
        _exporter.Serve("# TYPE a gauge\na{x=\"1\"} 1.5\nb 2\n");
        await using var loop = await ScrapeOnce(TestTargets.For(_exporter.MetricsUrl), 1000);

        Assert.Equal([(1000L, 1.5)], StoredSamples.Of(_head, "__name__", "a", "x", "1", "job", "test", "instance", "exporter:1"));
        Assert.Equal([(1000L, 2.0)], StoredSamples.Of(_head, "__name__", "b", "job", "test", "instance", "exporter:1"));
        Assert.Equal([(1000L, 1.0)], StoredSamples.Of(_head, "__name__", "up", "job", "test", "instance", "exporter:1"));
        Assert.Equal([(1000L, 2.0)], StoredSamples.Of(_head, "__name__", "scrape_samples_scraped", "job", "test"));
        Assert.Equal([(1000L, 2.0)], StoredSamples.Of(_head, "__name__", "scrape_samples_post_metric_relabeling", "job", "test"));
        Assert.Equal([(1000L, 2.0)], StoredSamples.Of(_head, "__name__", "scrape_series_added", "job", "test"));
        var duration = Assert.Single(StoredSamples.Of(_head, "__name__", "scrape_duration_seconds", "job", "test"));
        Assert.InRange(duration.Value, 1e-6, 1.0);
        Assert.Equal(2, StoredSamples.Series(_head, "__name__", "up").Single().Labels.Count - 1);

        Assert.Equal(TargetHealth.Up, loop.Status.Health);
        Assert.Equal("", loop.Status.LastError);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1000), loop.Status.LastScrape);
        Assert.Equal(1, loop.Counters.Scrapes);
        Assert.Equal(0, loop.Counters.Failures);
        Assert.Equal(7, loop.Counters.SamplesAppended);
    }

    [Fact]
    public async Task KnownSeriesAreNotAddedAgain()
    {
        _exporter.Serve("a 1\nb 2\n");
        await using var loop = await ScrapeOnce(TestTargets.For(_exporter.MetricsUrl), 1000);
        _exporter.Serve("a 3\nb 4\nc 5\n");
        await loop.ScrapeAsync(2000, CancellationToken.None);

        Assert.Equal([(1000L, 2.0), (2000L, 1.0)], StoredSamples.Of(_head, "__name__", "scrape_series_added"));
        Assert.Equal([(1000L, 1.0), (2000L, 3.0)], StoredSamples.Of(_head, "__name__", "a"));
    }

    [Fact]
    public async Task WithoutHonorLabelsTargetLabelsWinAndScrapedOnesAreExported()
    {
        _exporter.Serve("a{job=\"inner\",exported_job=\"taken\",instance=\"other\",x=\"1\"} 1\n");
        await using var loop = await ScrapeOnce(TestTargets.For(_exporter.MetricsUrl), 1000);

        var series = Assert.Single(StoredSamples.Series(_head, "__name__", "a"));
        Assert.Equal(Labels.FromPairs("__name__", "a", "job", "test", "instance", "exporter:1", "x", "1",
            "exported_job", "taken", "exported_exported_job", "inner", "exported_instance", "other"), series.Labels);
    }

    [Fact]
    public async Task WithHonorLabelsScrapedLabelsWin()
    {
        _exporter.Serve("a{job=\"inner\",x=\"1\"} 1\n");
        await using var loop = await ScrapeOnce(TestTargets.For(_exporter.MetricsUrl).With(honorLabels: true), 1000);

        var series = Assert.Single(StoredSamples.Series(_head, "__name__", "a"));
        Assert.Equal(Labels.FromPairs("__name__", "a", "job", "inner", "instance", "exporter:1", "x", "1"), series.Labels);
        // The report series always carry the target's own labels.
        Assert.Single(StoredSamples.Series(_head, "__name__", "up", "job", "test"));
    }

    [Theory]
    [InlineData(true, 500L)]
    [InlineData(false, 1000L)]
    public async Task HonorTimestampsDecidesBetweenPageAndScrapeTime(bool honor, long expected)
    {
        _exporter.Serve("a 1 500\n");
        await using var loop = await ScrapeOnce(TestTargets.For(_exporter.MetricsUrl).With(honorTimestamps: honor), 1000);

        Assert.Equal([(expected, 1.0)], StoredSamples.Of(_head, "__name__", "a"));
    }

    [Fact]
    public async Task RequestCarriesPrometheusHeaders()
    {
        _exporter.Serve("a 1\n");
        await using var loop = await ScrapeOnce(TestTargets.For(_exporter.MetricsUrl, timeoutMilliseconds: 1500), 1000);

        var headers = _exporter.LastRequestHeaders!;
        Assert.Equal(ContentNegotiation.AcceptHeader, headers.Accept.ToString());
        Assert.Equal("gzip", headers.AcceptEncoding.ToString());
        Assert.Equal("1.5", headers["X-Prometheus-Scrape-Timeout-Seconds"].ToString());
        Assert.Equal("", headers.Authorization.ToString());
    }

    [Fact]
    public async Task CredentialsAreSent()
    {
        _exporter.Serve("a 1\n");
        var bearer = TestTargets.For(_exporter.MetricsUrl).With(http: new ScrapeHttpSettings { BearerToken = "s3cret" });
        await using (await ScrapeOnce(bearer, 1000))
            Assert.Equal("Bearer s3cret", _exporter.LastRequestHeaders!.Authorization.ToString());

        var basic = TestTargets.For(_exporter.MetricsUrl).With(http: new ScrapeHttpSettings { BasicAuth = new("user", "pw") });
        await using (await ScrapeOnce(basic, 2000))
            Assert.Equal("Basic " + Convert.ToBase64String("user:pw"u8.ToArray()), _exporter.LastRequestHeaders!.Authorization.ToString());
    }

    [Fact]
    public async Task GzipBodyIsDecoded()
    {
        var page = string.Concat(Enumerable.Range(0, 2000).Select(i => $"g{{i=\"{i}\"}} {i}\n"));
        _exporter.Serve(page, gzip: true);
        await using var loop = await ScrapeOnce(TestTargets.For(_exporter.MetricsUrl), 1000);

        Assert.Equal(TargetHealth.Up, loop.Status.Health);
        Assert.Equal(2000, StoredSamples.Series(_head, "__name__", "g").Count);
        Assert.Equal([(1000L, 1234.0)], StoredSamples.Of(_head, "__name__", "g", "i", "1234"));
    }

    [Fact]
    public async Task OpenMetricsContentTypeSelectsTheOpenMetricsParser()
    {
        // Without "# EOF" the page is valid text format but not valid OpenMetrics.
        const string page = "# TYPE c counter\nc_total 3\n";
        _exporter.Serve(page, TestExporter.OpenMetricsFormat);
        await using var openMetrics = await ScrapeOnce(TestTargets.For(_exporter.MetricsUrl), 1000);
        Assert.Equal(TargetHealth.Down, openMetrics.Status.Health);
        Assert.Contains("EOF", openMetrics.Status.LastError);

        _exporter.Serve(page + "# EOF\n", TestExporter.OpenMetricsFormat);
        await openMetrics.ScrapeAsync(2000, CancellationToken.None);
        Assert.Equal(TargetHealth.Up, openMetrics.Status.Health);
        Assert.Equal([(2000L, 3.0)], StoredSamples.Of(_head, "__name__", "c_total"));
    }

    [Fact]
    public async Task MetricRelabelingDropsAndRewritesSeries()
    {
        _exporter.Serve("keep 1\ndrop_me 2\nrename 3\n");
        var target = TestTargets.For(_exporter.MetricsUrl).With(metricRelabel: labels => labels.MetricNameValue switch
        {
            "drop_me" => null,
            "rename" => Labels.From(labels.Where(l => l.Name != "__name__").Append(new Label("__name__", "renamed"))),
            _ => labels,
        });
        await using var loop = await ScrapeOnce(target, 1000);

        Assert.Single(StoredSamples.Of(_head, "__name__", "keep"));
        Assert.Empty(StoredSamples.Of(_head, "__name__", "drop_me"));
        Assert.Empty(StoredSamples.Of(_head, "__name__", "rename"));
        Assert.Equal([(1000L, 3.0)], StoredSamples.Of(_head, "__name__", "renamed", "job", "test"));
        Assert.Equal([(1000L, 3.0)], StoredSamples.Of(_head, "__name__", "scrape_samples_scraped"));
        Assert.Equal([(1000L, 2.0)], StoredSamples.Of(_head, "__name__", "scrape_samples_post_metric_relabeling"));

        // The drop is cached: the series stays dropped on the next scrape.
        await loop.ScrapeAsync(2000, CancellationToken.None);
        Assert.Empty(StoredSamples.Of(_head, "__name__", "drop_me"));
    }

    [Fact]
    public async Task OutOfOrderAndDuplicateSamplesAreCounted()
    {
        _exporter.Serve("a 1 1000\nb 1 1000\n");
        await using var loop = await ScrapeOnce(TestTargets.For(_exporter.MetricsUrl), 5000);
        _exporter.Serve("a 2 900\nb 2 1000\n");
        await loop.ScrapeAsync(6000, CancellationToken.None);

        Assert.Equal(1, loop.Counters.OutOfOrder);
        Assert.Equal(1, loop.Counters.Duplicates);
        Assert.Equal(TargetHealth.Up, loop.Status.Health);
        Assert.Equal([(1000L, 1.0)], StoredSamples.Of(_head, "__name__", "a"));
    }

    [Fact]
    public async Task ForgottenSeriesReferencesAreResolvedAgain()
    {
        var storage = new ForgetfulStorage(_head);
        _exporter.Serve("a 1\n");
        await using var loop = new ScrapeLoop(TestTargets.For(_exporter.MetricsUrl), storage);
        await loop.ScrapeAsync(1000, CancellationToken.None);
        storage.ForgetReferences = true;
        _exporter.Serve("a 2\n");
        await loop.ScrapeAsync(2000, CancellationToken.None);

        Assert.Equal([(1000L, 1.0), (2000L, 2.0)], StoredSamples.Of(_head, "__name__", "a"));
        Assert.Equal(TargetHealth.Up, loop.Status.Health);
    }

    /// <summary>Storage that can pretend every series reference has become unknown, as after series garbage collection.</summary>
    private sealed class ForgetfulStorage(Head head) : IAppendable
    {
        public bool ForgetReferences { get; set; }

        public IAppender Appender() => new ForgetfulAppender(head.Appender(), this);

        private sealed class ForgetfulAppender(IAppender inner, ForgetfulStorage storage) : IAppender
        {
            public AppendStatus Append(Labels labels, long timestamp, double value, out SeriesRef seriesRef) =>
                inner.Append(labels, timestamp, value, out seriesRef);

            public AppendStatus Append(SeriesRef seriesRef, long timestamp, double value) =>
                storage.ForgetReferences ? AppendStatus.UnknownSeries : inner.Append(seriesRef, timestamp, value);

            public CommitResult Commit() => inner.Commit();

            public void Rollback() => inner.Rollback();
        }
    }
}
