namespace Tsdb.Benchmarks.Chunks;

/// <summary>
/// Timestamps as a scrape loop writes them: one per scrape, 15 s apart. Prometheus snaps scrape-time jitter
/// below 2 ms back onto the interval, so intervals are mostly exact; here 1 scrape in 50 (chosen by a fixed
/// seed) is off by 2-30 ms either way, as happens when a scrape starts late.
/// </summary>
internal static class ScrapeTimestamps
{
    public const long IntervalMs = 15_000;

    public static long[] Generate(int scrapes, long start, int seed = 15)
    {
        var random = new Random(seed);
        var timestamps = new long[scrapes];
        for (int i = 0; i < scrapes; i++)
        {
            long jitter = random.Next(50) == 0 ? random.Next(2, 31) * (random.Next(2) == 0 ? -1 : 1) : 0;
            timestamps[i] = start + (i * IntervalMs) + jitter;
        }

        return timestamps;
    }
}
