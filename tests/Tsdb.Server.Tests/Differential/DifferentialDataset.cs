using Tsdb.Storage;

namespace Tsdb.Server.Tests.Differential;

/// <summary>One series of the dataset: its labels (name/value pairs) and samples in ascending time.</summary>
internal sealed record DatasetSeries(string[] NamesAndValues, List<(long T, double V)> Samples)
{
    public Labels Labels => Labels.FromPairs(NamesAndValues);
}

/// <summary>
/// The fixed data both systems get: 90 minutes at a 15 s interval ending at <see cref="End"/>. Every value is a
/// function of the sample index only, so two runs differ only in where the grid sits in wall-clock time.
/// Covers counters with resets, gauges (negative and fractional), classic histograms for three jobs, series that
/// stop with a staleness marker and come back, a metric with NaN and infinite values, and unusual label values.
/// </summary>
internal sealed class DifferentialDataset
{
    public const long IntervalMs = 15_000;
    public const int Points = 361;
    public static readonly double StaleMarker = BitConverter.UInt64BitsToDouble(0x7ff0000000000002);

    private static readonly string[] Jobs = ["api", "db", "web"];
    private static readonly string[] Buckets = ["0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"];

    private DifferentialDataset(long end)
    {
        End = end;
        Start = end - (Points - 1) * IntervalMs;
        Series = [.. Build()];
    }

    /// <summary>The time of the last sample, a multiple of five minutes.</summary>
    public long End { get; }

    /// <summary>The time of the first sample.</summary>
    public long Start { get; }

    public List<DatasetSeries> Series { get; }

    /// <summary>The dataset ending on the five-minute grid point at or before <paramref name="nowMs"/>.</summary>
    public static DifferentialDataset EndingBefore(long nowMs) => new(nowMs / 300_000 * 300_000);

    private long TimeOf(int index) => Start + index * IntervalMs;

    private DatasetSeries Make(string[] namesAndValues, Func<int, double?> valueAt)
    {
        var samples = new List<(long, double)>(Points);
        for (int i = 0; i < Points; i++)
        {
            if (valueAt(i) is { } v) samples.Add((TimeOf(i), v));
        }
        return new DatasetSeries(namesAndValues, samples);
    }

    private IEnumerable<DatasetSeries> Build()
    {
        foreach (var s in Counters()) yield return s;
        foreach (var s in Gauges()) yield return s;
        foreach (var s in Histograms()) yield return s;
        foreach (var s in ComingAndGoing()) yield return s;
        foreach (var s in SpecialValues()) yield return s;
    }

    private IEnumerable<DatasetSeries> Counters()
    {
        int n = 0;
        foreach (var job in Jobs)
        {
            foreach (var instance in new[] { "10.0.0.1:9100", "10.0.0.2:9100" })
            {
                foreach (var method in new[] { "get", "post" })
                {
                    int k = ++n;
                    // Every third series resets at a series-specific index, one of them twice.
                    int reset = k % 3 == 0 ? 100 + 17 * k : int.MaxValue;
                    int secondReset = k == 6 ? 300 : int.MaxValue;
                    string code = method == "get" ? "200" : "500";
                    yield return Make(["__name__", "http_requests_total", "job", job, "instance", instance, "method", method, "code", code],
                        i =>
                        {
                            int from = i >= secondReset ? secondReset : i >= reset ? reset : 0;
                            double value = 0;
                            for (int j = from; j <= i; j++) value += (j * k) % 7 + k * 0.5;
                            return value;
                        });
                }
            }
            yield return Make(["__name__", "up", "job", job, "instance", "10.0.0.1:9100"], i => 1);
            yield return Make(["__name__", "up", "job", job, "instance", "10.0.0.2:9100"], i => i % 50 < 5 ? 0 : 1);
        }
    }

    private IEnumerable<DatasetSeries> Gauges()
    {
        for (int k = 0; k < Jobs.Length; k++)
        {
            int kk = k;
            yield return Make(["__name__", "node_temperature_celsius", "job", Jobs[k], "instance", "10.0.0.1:9100"],
                i => Math.Round(20 + 10 * Math.Sin((i + 13 * kk) / 20.0), 3) - 12.5 * kk);
            yield return Make(["__name__", "node_memory_bytes", "job", Jobs[k], "instance", "10.0.0.1:9100", "type", "free"],
                i => 1.5e9 + ((i * 7919 + kk * 104729) % 1000) * 1e6);
        }
        yield return Make(["__name__", "queue_depth", "job", "worker", "queue", "alpha"], i => (i % 40) - 20.25);
        yield return Make(["__name__", "queue_depth", "job", "worker", "queue", "beta"], i => i % 3 == 0 ? -0.125 : 3.75);
        yield return Make(["__name__", "queue_depth", "job", "worker", "queue", "gamma"], i => i / 10);
        yield return Make(["__name__", "ratio", "job", "worker"], i => (i % 11) / 10.0);
    }

    private IEnumerable<DatasetSeries> Histograms()
    {
        for (int k = 0; k < Jobs.Length; k++)
        {
            int kk = k;
            // Observations per step fall into buckets with weights that drift over time; the count resets once
            // for the second job.
            double[] Increments(int j) =>
            [
                (j + kk) % 3, 1 + (j % 4), 2 + kk, (j * 3) % 5, 1, kk == 2 ? 0 : (j % 2), 0.5 * (j % 3),
            ];
            double CumulativeAt(int bucket, int i)
            {
                int from = kk == 1 && i >= 180 ? 180 : 0;
                double total = 0;
                for (int j = from; j <= i; j++)
                {
                    var inc = Increments(j);
                    for (int b = 0; b <= bucket; b++) total += inc[b];
                }
                return total;
            }
            for (int b = 0; b < Buckets.Length; b++)
            {
                int bb = b;
                yield return Make(["__name__", "request_duration_seconds_bucket", "job", Jobs[k], "le", Buckets[b]], i => CumulativeAt(bb, i));
            }
            yield return Make(["__name__", "request_duration_seconds_count", "job", Jobs[k]], i => CumulativeAt(Buckets.Length - 1, i));
            yield return Make(["__name__", "request_duration_seconds_sum", "job", Jobs[k]], i => CumulativeAt(Buckets.Length - 1, i) * (0.3 + 0.1 * kk));
        }
        // Buckets that are not monotonic in le, and a histogram without a +Inf bucket.
        yield return Make(["__name__", "odd_histogram_bucket", "job", "odd", "le", "1"], i => 10 + i);
        yield return Make(["__name__", "odd_histogram_bucket", "job", "odd", "le", "2"], i => 8 + i);
        yield return Make(["__name__", "odd_histogram_bucket", "job", "odd", "le", "+Inf"], i => 20 + 2 * i);
        yield return Make(["__name__", "odd_histogram_bucket", "job", "noinf", "le", "0.5"], i => i);
        yield return Make(["__name__", "odd_histogram_bucket", "job", "noinf", "le", "1"], i => 2 * i);
    }

    private IEnumerable<DatasetSeries> ComingAndGoing()
    {
        // Present for a while, ended with a staleness marker, back later, ended again.
        yield return Make(["__name__", "batch_last_success", "job", "batch", "instance", "a"],
            i => i is >= 40 and < 120 || i is >= 200 and < 260 ? 1000 + i : i is 120 or 260 ? StaleMarker : null);
        // Stops without a marker: visible for the lookback delta after its last sample.
        yield return Make(["__name__", "batch_last_success", "job", "batch", "instance", "b"],
            i => i < 300 ? 2000 + 2 * i : null);
        // Starts late.
        yield return Make(["__name__", "batch_last_success", "job", "batch", "instance", "c"],
            i => i >= 330 ? 3000 + i : null);
        // Sparse: one sample every ten minutes.
        yield return Make(["__name__", "sparse_gauge", "job", "batch"], i => i % 40 == 0 ? i / 40 : null);
    }

    private IEnumerable<DatasetSeries> SpecialValues()
    {
        yield return Make(["__name__", "special_values", "job", "nan", "kind", "sometimes_nan"], i => i % 5 == 0 ? double.NaN : i);
        yield return Make(["__name__", "special_values", "job", "nan", "kind", "always_nan"], i => double.NaN);
        yield return Make(["__name__", "special_values", "job", "nan", "kind", "inf"], i => i % 7 == 0 ? double.PositiveInfinity : i % 7 == 1 ? double.NegativeInfinity : -i);
        // Remote write cannot carry -0 (protobuf leaves a zero double out, sign and all), so -0 comes from queries.
        yield return Make(["__name__", "special_values", "job", "nan", "kind", "zero"], i => 0.0);
        yield return Make(["__name__", "unusual_labels", "path", "/api/v1/query?x=\"y\"&z", "job", "weird"], i => 1);
        yield return Make(["__name__", "unusual_labels", "path", "C:\\dir\\file", "job", "weird", "note", "line1\nline2"], i => 2);
        yield return Make(["__name__", "unusual_labels", "path", "héllo ✓ 日本", "job", "weird", "dots", "a.b.c"], i => 3);
        yield return Make(["__name__", "unusual_labels", "path", " leading and trailing ", "job", "weird", "UPPER", "Case"], i => 4);
    }
}
