using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>Loops running on their own timers, as the manager follows a changing target set.</summary>
public sealed class ScrapeManagerTests : IAsyncLifetime
{
    private readonly Head _head = Head.Open(new HeadOptions());
    private TestExporter _exporter = null!;

    public async Task InitializeAsync()
    {
        _exporter = await TestExporter.StartAsync();
        _exporter.Serve("a 1\n");
    }

    public async Task DisposeAsync()
    {
        await _exporter.DisposeAsync();
        _head.Dispose();
    }

    private ScrapeTarget Target(string name) => TestTargets.For(new Uri(_exporter.MetricsUrl, $"?target={name}"), job: name);

    private static bool IsStale(double value) => BitConverter.DoubleToUInt64Bits(value) == 0x7ff0000000000002UL;

    [Fact]
    public async Task SyncKeepsUnchangedLoopsAndStalesRemovedTargets()
    {
        await using var manager = new ScrapeManager(_head);
        await manager.SyncAsync([Target("one"), Target("two")]);
        var one = manager.Loops.Single(l => l.Target.JobName == "one");
        var two = manager.Loops.Single(l => l.Target.JobName == "two");
        await StoredSamples.WaitUntil(() => one.Counters.Scrapes - one.Counters.Failures >= 2 && two.Counters.Scrapes - two.Counters.Failures >= 2,
            "both targets were scraped successfully twice");

        // An equal target (a new object) keeps its loop; the missing one is stopped.
        await manager.SyncAsync([Target("one")]);
        Assert.Same(one, Assert.Single(manager.Loops));
        Assert.Equal(["one"], manager.ActiveTargets().Select(s => s.Target.JobName));
        Assert.Equal(TargetHealth.Up, manager.ActiveTargets()[0].Health);

        // Just over two intervals later, the removed target's series end with a staleness marker.
        await two.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        foreach (var name in new[] { "a", "up", "scrape_duration_seconds" })
        {
            var samples = StoredSamples.Of(_head, "__name__", name, "job", "two");
            Assert.True(IsStale(samples[^1].Value), $"{name} of the removed target should end stale");
            Assert.False(IsStale(samples[^2].Value));
        }
        long scrapesBefore = one.Counters.Scrapes;
        await StoredSamples.WaitUntil(() => one.Counters.Scrapes > scrapesBefore, "the kept target is still scraped");
        Assert.True(manager.Counters.Scrapes >= one.Counters.Scrapes + two.Counters.Scrapes - 1);
    }

    [Fact]
    public async Task ChangedSettingsRestartTheLoop()
    {
        await using var manager = new ScrapeManager(_head);
        await manager.SyncAsync([Target("one")]);
        var first = Assert.Single(manager.Loops);
        await manager.SyncAsync([Target("one").With(sampleLimit: 10)]);
        var second = Assert.Single(manager.Loops);

        Assert.NotSame(first, second);
        Assert.Equal(10, second.Target.SampleLimit);
    }

    [Fact]
    public async Task ShutdownWritesNoStaleMarkers()
    {
        var manager = new ScrapeManager(_head);
        await manager.SyncAsync([Target("one")]);
        var loop = Assert.Single(manager.Loops);
        await StoredSamples.WaitUntil(() => loop.Counters.Scrapes >= 2, "the target was scraped twice");
        await manager.StopAsync();
        long scrapes = loop.Counters.Scrapes;
        await Task.Delay(350); // longer than the wait before end-of-run markers

        Assert.Equal(scrapes, loop.Counters.Scrapes);
        Assert.All(StoredSamples.Series(_head, "job", "one"), series => Assert.False(IsStale(series.Samples[^1].Value)));
        await manager.DisposeAsync();
    }

    [Fact]
    public async Task UnusableTargetIsRefusedBeforeAnythingChanges()
    {
        await using var manager = new ScrapeManager(_head);
        var bad = TestTargets.For(_exporter.MetricsUrl).With(timeout: TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => manager.SyncAsync([Target("one"), bad]));
        Assert.Contains("timeout must be positive", error.Message);
        Assert.Empty(manager.Loops);
    }
}
