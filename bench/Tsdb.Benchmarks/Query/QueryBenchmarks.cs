using BenchmarkDotNet.Attributes;
using Tsdb.Query.Engine;
using Tsdb.Storage;

namespace Tsdb.Benchmarks.Query;

/// <summary>
/// The dashboard queries of the query performance targets, evaluated in-process over an in-memory head:
/// 10k counters and 1k twelve-bucket histograms scraped every 15 s for 65 minutes, queried over the last hour.
/// </summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private const int CounterSeries = 10_000;
    private const int Instances = 100;
    private const int Histograms = 1_000;
    private const long ScrapeMs = 15_000;
    private const long DataStartMs = 1_700_000_000_000;
    private const long DataSpanMs = 65 * 60_000;
    internal const long QueryStartMs = DataStartMs + 5 * 60_000;
    internal const long QueryEndMs = DataStartMs + DataSpanMs;

    private static readonly double[] BucketBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, double.PositiveInfinity];

    private readonly PromQLEngine _engine = new(new EngineOptions());
    private Head _head = null!;

    public enum Dashboard
    {
        /// <summary><c>rate(bench_requests_total[5m])</c> over the 10k counters.</summary>
        Rate,
        /// <summary><c>sum by (instance) (rate(bench_requests_total[5m]))</c>.</summary>
        SumByInstanceRate,
        /// <summary><c>histogram_quantile(0.95, sum by (le) (rate(bench_latency_seconds_bucket[5m])))</c> over the 1k histograms.</summary>
        HistogramQuantile,
    }

    [Params(Dashboard.Rate, Dashboard.SumByInstanceRate, Dashboard.HistogramQuantile)]
    public Dashboard Query { get; set; }

    [Params(15, 60)]
    public int StepSeconds { get; set; }

    [GlobalSetup]
    public void Setup() => _head = Load();

    [GlobalCleanup]
    public void Cleanup() => _head.Dispose();

    [Benchmark]
    public int Evaluate()
    {
        var result = _engine.Range(_head, Expression(Query), QueryStartMs, QueryEndMs, StepSeconds * 1000L, CancellationToken.None);
        return ((Matrix)result.Value).Series.Count;
    }

    public static string Expression(Dashboard query) => query switch
    {
        Dashboard.Rate => "rate(bench_requests_total[5m])",
        Dashboard.SumByInstanceRate => "sum by (instance) (rate(bench_requests_total[5m]))",
        _ => "histogram_quantile(0.95, sum by (le) (rate(bench_latency_seconds_bucket[5m])))",
    };

    /// <summary>Counters grow by a per-series pseudo-random amount each scrape; buckets stay cumulative.</summary>
    internal static Head Load()
    {
        var head = Head.Open(new HeadOptions());
        var counters = new Labels[CounterSeries];
        for (int i = 0; i < CounterSeries; i++)
            counters[i] = Labels.FromPairs(Labels.MetricName, "bench_requests_total",
                "handler", "/api/" + (i / Instances), "instance", "host-" + (i % Instances) + ":8080", "job", "api");
        var buckets = new Labels[Histograms * BucketBounds.Length];
        for (int h = 0; h < Histograms; h++)
            for (int b = 0; b < BucketBounds.Length; b++)
                buckets[h * BucketBounds.Length + b] = Labels.FromPairs(Labels.MetricName, "bench_latency_seconds_bucket",
                    "handler", "/api/" + (h / Instances), "instance", "host-" + (h % Instances) + ":8080", "job", "api",
                    "le", GoFloatText.FormatPlain(BucketBounds[b]));

        var counterValues = new double[CounterSeries];
        var observed = new double[Histograms * BucketBounds.Length];
        var random = new Random(42);
        for (long t = DataStartMs; t <= DataStartMs + DataSpanMs; t += ScrapeMs)
        {
            var appender = head.Appender();
            for (int i = 0; i < CounterSeries; i++)
            {
                counterValues[i] += random.Next(0, 200);
                appender.Append(counters[i], t, counterValues[i], out _);
            }
            for (int h = 0; h < Histograms; h++)
            {
                int requests = random.Next(0, 100);
                for (int b = 0; b < BucketBounds.Length; b++)
                {
                    int i = h * BucketBounds.Length + b;
                    observed[i] += Math.Floor(requests * (b + 1) / (double)BucketBounds.Length);
                    appender.Append(buckets[i], t, observed[i], out _);
                }
            }
            appender.Commit();
        }
        return head;
    }
}
