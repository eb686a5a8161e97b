using Tsdb.Storage;

namespace Tsdb.Query.Tests.Engine;

/// <summary>
/// What a query allocates per selected series, the garbage a dashboard leaves at every refresh. Counted on this
/// thread (the engine evaluates on the caller's), so other tests running meanwhile do not count.
/// </summary>
public class QueryAllocationTests : EngineTestBase
{
    private const int SeriesCount = 5_000;
    private const int Samples = 40;
    private const long ScrapeMs = 15_000;

    // Measured at 93 bytes a series for the rate and for count() of the instant selector, 366 for the instant
    // selector itself (its 11 points are 200 bytes of them). The selection is out of label order ("host-10" sorts
    // before "host-2"), and its sort's keys are 12 bytes a series of each figure. Any of these breaks the bounds:
    // ranking every string of every set for the sort (4 bytes a string, 115 and 388), an object per selected series
    // (about 40 bytes more), a selection list grown by doubling instead of sized once (about 66 more), a sample
    // iterator per series (about 140), a list with room for every step of a longer range, count() building the
    // selector's points before counting them (366).
    private const int MaxRateBytesPerSeries = 110;
    private const int MaxInstantBytesPerSeries = 385;
    private const int MaxAggregatedInstantBytesPerSeries = 110;

    private static readonly Lazy<Head> Counters = new(LoadCounters);

    [Fact]
    public void A_rate_over_many_series_allocates_little_per_series()
    {
        double perSeries = AllocatedPerSeries("sum(rate(requests_total[5m]))", start: 0, step: Minute);
        Assert.True(perSeries <= MaxRateBytesPerSeries, $"{perSeries:F0} bytes a series, more than {MaxRateBytesPerSeries}");
    }

    [Fact]
    public void An_instant_selector_over_a_range_longer_than_its_series_holds_only_their_steps()
    {
        // An hour at a 60 s step, 61 steps, over series of ten minutes: each has 11 points.
        long end = (Samples - 1) * ScrapeMs;
        double perSeries = AllocatedPerSeries("requests_total", start: end - 60 * Minute, step: Minute);
        Assert.True(perSeries <= MaxInstantBytesPerSeries, $"{perSeries:F0} bytes a series, more than {MaxInstantBytesPerSeries}");
    }

    [Fact]
    public void An_aggregation_of_an_instant_selector_keeps_no_points_of_its_series()
    {
        long end = (Samples - 1) * ScrapeMs;
        double perSeries = AllocatedPerSeries("count(requests_total)", start: end - 60 * Minute, step: Minute);
        Assert.True(perSeries <= MaxAggregatedInstantBytesPerSeries, $"{perSeries:F0} bytes a series, more than {MaxAggregatedInstantBytesPerSeries}");
    }

    private static double AllocatedPerSeries(string query, long start, long step)
    {
        var head = Counters.Value;
        long end = (Samples - 1) * ScrapeMs;
        // The first run compiles and fills the engine's caches; the second is measured.
        Engine.Range(head, query, start, end, step, CancellationToken.None);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = Engine.Range(head, query, start, end, step, CancellationToken.None);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotEmpty(Assert.IsType<Tsdb.Query.Engine.Matrix>(result.Value).Series);
        return allocated / (double)SeriesCount;
    }

    private static Head LoadCounters()
    {
        var head = Head.Open(new HeadOptions());
        var refs = new SeriesRef[SeriesCount];
        var appender = head.Appender();
        for (int round = 0; round < Samples; round++)
        {
            for (int i = 0; i < SeriesCount; i++)
            {
                double value = round * (1 + i % 7);
                if (round == 0)
                    appender.Append(Labels.FromPairs("__name__", "requests_total", "instance", $"host-{i / 10}", "path", $"/p{i % 10}"),
                        0, value, out refs[i]);
                else
                    appender.Append(refs[i], round * ScrapeMs, value);
            }
            appender.Commit();
        }
        return head;
    }
}
