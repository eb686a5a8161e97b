using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>histogram_quantile() over classic buckets: series that differ only in <c>le</c> form one histogram.</summary>
internal static class HistogramQuantile
{
    private const string BucketLabel = "le";

    private readonly record struct Bucket(double UpperBound, double Count);

    public static void Compute(double q, List<Sample> vector, long ts, List<Sample> output)
    {
        var histograms = new Dictionary<Labels, (Labels Metric, List<Bucket> Buckets)>();
        var order = new List<Labels>();
        foreach (var sample in vector)
        {
            // A missing or malformed le label leaves the sample out.
            if (!GoFloatText.TryParse(sample.Metric.Get(BucketLabel), out var upperBound)) continue;
            var key = LabelSets.Project(sample.Metric, [BucketLabel], keep: false, alsoDropName: false);
            if (!histograms.TryGetValue(key, out var h))
            {
                h = (LabelSets.DropMetricName(key), []);
                histograms.Add(key, h);
                order.Add(key);
            }
            h.Buckets.Add(new Bucket(upperBound, sample.F));
        }
        foreach (var key in order)
        {
            var (metric, buckets) = histograms[key];
            output.Add(new Sample(metric, ts, BucketQuantile(q, buckets)));
        }
    }

    /// <summary>
    /// Interpolates linearly within the bucket the rank falls into. Needs a +Inf bucket; buckets with equal
    /// bounds are merged and counts forced to be monotonic (scrapes are not atomic across bucket series).
    /// </summary>
    private static double BucketQuantile(double q, List<Bucket> buckets)
    {
        if (double.IsNaN(q)) return double.NaN;
        if (q < 0) return double.NegativeInfinity;
        if (q > 1) return double.PositiveInfinity;
        buckets.Sort(static (a, b) => a.UpperBound.CompareTo(b.UpperBound));
        if (!double.IsPositiveInfinity(buckets[^1].UpperBound)) return double.NaN;
        Coalesce(buckets);
        EnsureMonotonic(buckets);
        if (buckets.Count < 2) return double.NaN;
        double observations = buckets[^1].Count;
        if (observations == 0) return double.NaN;
        double rank = q * observations;
        int b = 0;
        // The first bucket (the +Inf one excluded) whose count reaches the rank.
        int lo = 0, hi = buckets.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (buckets[mid].Count >= rank) hi = mid; else lo = mid + 1;
        }
        b = lo;
        if (b == buckets.Count - 1) return buckets[^2].UpperBound;
        if (b == 0 && buckets[0].UpperBound <= 0) return buckets[0].UpperBound;
        double bucketStart = 0, bucketEnd = buckets[b].UpperBound, count = buckets[b].Count;
        if (b > 0)
        {
            bucketStart = buckets[b - 1].UpperBound;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    private static void Coalesce(List<Bucket> buckets)
    {
        var last = buckets[0];
        int i = 0;
        for (int j = 1; j < buckets.Count; j++)
        {
            var b = buckets[j];
            if (b.UpperBound == last.UpperBound) last = last with { Count = last.Count + b.Count };
            else
            {
                buckets[i++] = last;
                last = b;
            }
        }
        buckets[i] = last;
        buckets.RemoveRange(i + 1, buckets.Count - i - 1);
    }

    private static void EnsureMonotonic(List<Bucket> buckets)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < buckets.Count; i++)
        {
            if (buckets[i].Count > max) max = buckets[i].Count;
            else if (buckets[i].Count < max) buckets[i] = buckets[i] with { Count = max };
        }
    }
}
