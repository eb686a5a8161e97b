using Tsdb.Load.ScrapeCompare;
using Tsdb.Scrape.Configuration;

namespace Tsdb.Load.Tests;

public class ScrapeCompareTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    public void TheConfigFileLoadsWithEveryTargetAtTheInterval()
    {
        string[] targets = ["127.0.0.1:40001", "127.0.0.1:40002", "127.0.0.1:40003"];
        var config = ConfigLoader.Load(ScrapeConfigFile.Render(targets, Interval), "prometheus.yml");
        var job = Assert.Single(config.ScrapeConfigs);
        Assert.Equal(ScrapeConfigFile.JobName, job.JobName);
        Assert.Equal(Interval, job.ScrapeInterval);
        Assert.Equal(Interval, job.ScrapeTimeout);
        Assert.Equal(targets, job.StaticConfigs.SelectMany(s => s.Targets));
    }

    [Fact]
    public void CountsOfEveryTargetScrapedOnScheduleWithWholePagesPass()
    {
        var counts = new ScrapeCounts(Targets: 50, Scrapes: 1500, SuccessfulScrapes: 1500, FewestScrapesOfATarget: 30, SamplesScraped: 3_000_000);
        Assert.Null(counts.Problem(50, 2000, Window, Interval));
        // One scrape fewer at the window's edge is allowed.
        Assert.Null((counts with { Scrapes = 1499, SuccessfulScrapes = 1499, FewestScrapesOfATarget = 29, SamplesScraped = 2_998_000 }).Problem(50, 2000, Window, Interval));
    }

    [Theory]
    [InlineData(49, 1500, 1500, 30, 3_000_000L, "49 of 50 targets known")]
    [InlineData(50, 1408, 1408, 28, 2_816_000L, "scraped 28 times, expected 30")]
    [InlineData(50, 1500, 1498, 30, 2_996_000L, "2 of 1500 scrapes failed")]
    [InlineData(50, 1500, 1500, 30, 2_999_000L, "expected 1500 scrapes x 2000")]
    public void MissedFailedOrPartialScrapesAreNamed(int targets, long scrapes, long up, long fewest, long samples, string problem)
    {
        var counts = new ScrapeCounts(targets, scrapes, up, fewest, samples);
        Assert.Contains(problem, counts.Problem(50, 2000, Window, Interval));
    }

    [Fact]
    public void AFailedSystemGetsNoRatio()
    {
        var ok = new ScrapeCounts(50, 1500, 1500, 30, 3_000_000);
        var ours = new ScrapeResult("ours", TimeSpan.FromSeconds(1.5), Window, ok, 0, null);
        var prometheus = new ScrapeResult("Prometheus", TimeSpan.FromSeconds(3), Window, ok, 0, null);
        Assert.Equal(0.5, ScrapeComparisonTable.CpuPerSampleRatio(ours, prometheus)!.Value, 6);
        Assert.Null(ScrapeComparisonTable.CpuPerSampleRatio(ours, prometheus with { Problem = "2 of 1500 scrapes failed" }));
        Assert.Contains("FAILED: 2 of 1500 scrapes failed", ScrapeComparisonTable.Render([ours, prometheus with { Problem = "2 of 1500 scrapes failed" }]));
    }
}
