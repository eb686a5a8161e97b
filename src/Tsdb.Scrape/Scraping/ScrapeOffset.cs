namespace Tsdb.Scrape.Scraping;

/// <summary>
/// When a target's first scrape happens. Each target gets a fixed phase within the interval, derived from
/// its identity hash, and scrapes on the absolute interval grid shifted by that phase: targets of a job are
/// spread over the interval instead of scraped in a burst, and a restarted loop keeps its phase, as in
/// Prometheus.
/// </summary>
internal static class ScrapeOffset
{
    /// <summary>The wait, in (0, interval], from <paramref name="nowTicks"/> (Unix ticks) to the target's next slot.</summary>
    public static TimeSpan UntilFirstScrape(ulong targetHash, TimeSpan interval, long nowTicks)
    {
        long intervalTicks = interval.Ticks;
        long untilGrid = intervalTicks - nowTicks % intervalTicks;
        long phase = (long)(targetHash % (ulong)intervalTicks);
        long wait = untilGrid + phase;
        if (wait > intervalTicks) wait -= intervalTicks;
        return TimeSpan.FromTicks(wait);
    }
}
