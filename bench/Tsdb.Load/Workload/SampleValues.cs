namespace Tsdb.Load.Workload;

/// <summary>
/// The value each series takes each round, computed from a hash of who and when so that the result does not
/// depend on which worker encodes which series: counters grow by varying amounts, gauges wander around
/// their level, the buckets of one histogram grow together and stay cumulative.
/// </summary>
public static class SampleValues
{
    /// <summary>How much a counter or bucket grows in <paramref name="round"/>; whole numbers for large rates, as byte and request counters are.</summary>
    public static double Increment(SeriesTemplate template, int slot, int instance, int generation, int round, double intervalSeconds)
    {
        double noise = template.Kind == MetricKind.Bucket
            ? Unit(Mix(instance, generation, template.Group, round))
            : Unit(Mix(slot, generation, 0, round));
        double amount = template.Level * intervalSeconds * (0.5 + noise);
        if (template.Kind == MetricKind.Bucket) amount = Math.Floor(amount) * template.BucketShare;
        return template.Level >= 1 ? Math.Floor(amount) : Math.Round(amount, 2);
    }

    /// <summary>A gauge's value in <paramref name="round"/>: a slow swing of a few percent around its level.</summary>
    public static double Gauge(SeriesTemplate template, int slot, int round)
    {
        double phase = Unit(Mix(slot, 0, 0, 0)) * Math.Tau;
        double value = template.Level * (1 + 0.03 * Math.Sin(phase + round * 0.1));
        return template.Level >= 100 ? Math.Round(value) : Math.Round(value, 2);
    }

    private static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(int a, int b, int c, int d)
    {
        ulong x = ((ulong)(uint)a << 32 | (uint)b) * 0x9E3779B97F4A7C15UL;
        x ^= ((ulong)(uint)c << 32 | (uint)d) + 0xBF58476D1CE4E5B9UL + (x << 6) + (x >> 2);
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
