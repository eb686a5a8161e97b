using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Engine;
using Tsdb.Storage;

namespace Tsdb.Query.Tests.Engine;

/// <summary>
/// The evaluation shortcuts (range functions read series by series, aggregations of them consumed without
/// building the range function's matrix, the counter-reset scan skipped where no value drops) must give, bit
/// for bit, what a plain step-by-step evaluation gives: a range query's value at each step equals the instant
/// query's at that time, and an aggregation over a range function equals it over the materialised matrix.
/// </summary>
public sealed class StepEquivalenceTests : EngineTestBase
{
    private const long Scrape = 15_000;

    /// <summary>Counters in three groups with random increments, some with resets, some with gaps.</summary>
    private static Head RandomCounters(int seed)
    {
        var random = new Random(seed);
        var head = Head.Open(new HeadOptions());
        var appender = head.Appender();
        for (int s = 0; s < 9; s++)
        {
            var labels = Labels.FromPairs(Labels.MetricName, "c", "g", "g" + (s % 3), "s", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
            double value = random.Next(0, 1000);
            for (int i = 0; i < 120; i++)
            {
                if (random.Next(0, 10) == 0) continue;
                value = random.Next(0, 25) == 0 ? random.NextDouble() * 10 : value + random.NextDouble() * 97;
                appender.Append(labels, i * Scrape, value, out _);
            }
        }
        appender.Commit();
        return head;
    }

    [Theory]
    [InlineData("rate(c[1m])")]
    [InlineData("increase(c[2m])")]
    [InlineData("sum by (g) (rate(c[1m]))")]
    [InlineData("avg without (s) (increase(c[90s]))")]
    [InlineData("stddev(rate(c[1m] offset 30s))")]
    [InlineData("max by (g) (c)")]
    public void RangeStepsEqualInstantQueries(string query)
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20), Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            using var head = RandomCounters(seed);
            long start = 5 * Scrape, end = 110 * Scrape, step = 37_000;
            var range = RangeMatrix(head, query, start, end, step);
            for (long t = start; t <= end; t += step)
            {
                var instant = InstantVector(head, query, t);
                var atStep = range.Where(r => r.Value.Any(p => p.T == t)).ToDictionary(r => r.Key, r => r.Value.Single(p => p.T == t).F);
                Assert.Equal(instant.Keys.Order(), atStep.Keys.Order());
                foreach (var (metric, value) in instant)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(atStep[metric]));
            }
        }));
    }

    /// <summary><c>+ 0</c> makes the aggregation's argument a binary expression, which is evaluated to a matrix first.</summary>
    [Theory]
    [InlineData("sum by (g) (rate(c[1m]))", "sum by (g) (rate(c[1m]) + 0)")]
    [InlineData("avg(increase(c[2m]))", "avg(increase(c[2m]) + 0)")]
    [InlineData("count without (s) (rate(c[45s]))", "count without (s) (rate(c[45s]) + 0)")]
    [InlineData("stdvar by (g) (delta(c[1m]))", "stdvar by (g) (delta(c[1m]) + 0)")]
    [InlineData("min by (g) (rate(c[1m]))", "min by (g) (rate(c[1m]) + 0)")]
    [InlineData("max(increase(c[1m] offset 45s))", "max(increase(c[1m] offset 45s) + 0)")]
    [InlineData("group by (g) (delta(c[2m]))", "group by (g) (delta(c[2m]) + 0)")]
    [InlineData("stddev without (s) (rate(c[1m]))", "stddev without (s) (rate(c[1m]) + 0)")]
    [InlineData("sum by (g) (max_over_time(c[1m]))", "sum by (g) (max_over_time(c[1m]) + 0)")]
    [InlineData("count(changes(c[2m] @ 600))", "count(changes(c[2m] @ 600) + 0)")]
    public void AggregatingARangeFunctionDirectlyEqualsAggregatingItsMatrix(string direct, string materialised)
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20), Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            using var head = RandomCounters(seed);
            var expected = RangeMatrix(head, materialised, 4 * Scrape, 115 * Scrape, Scrape);
            var actual = RangeMatrix(head, direct, 4 * Scrape, 115 * Scrape, Scrape);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            // The binary expression's matrix may list series in another order than the selector (as
            // Prometheus's own map-ordered matrices do), so sums can differ in the last bits; and `+ 0`
            // turns a -0 from delta into +0. Values must agree to 1e-12, times exactly.
            foreach (var (metric, points) in expected)
            {
                var other = actual[metric];
                Assert.Equal(points.Select(p => p.T), other.Select(p => p.T));
                for (int i = 0; i < points.Count; i++)
                {
                    double a = points[i].F, b = other[i].F;
                    Assert.True(a == b || (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b)),
                        $"{direct} at {points[i].T}: {a:R} vs {b:R}");
                }
            }
        }));
    }

    /// <summary>
    /// Counters sampled at the same, slightly irregular times with a shared gap, as one target's series are:
    /// some start near zero (so the zero may limit the extrapolation), some reset, one is a gauge that falls.
    /// </summary>
    private static Head SharedTimeCounters(int seed)
    {
        var random = new Random(seed);
        var times = new List<long>();
        long time = 0;
        for (int i = 0; times.Count < 100; i++)
        {
            time += Scrape + random.Next(-2_000, 2_000);
            if (i is >= 40 and < 45) continue;
            times.Add(time);
        }
        var head = Head.Open(new HeadOptions());
        var appender = head.Appender();
        for (int s = 0; s < 8; s++)
        {
            var labels = Labels.FromPairs(Labels.MetricName, "c", "g", "g" + (s % 2), "s", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
            double value = s % 3 == 0 ? random.NextDouble() : random.Next(0, 1000);
            foreach (long t in times)
            {
                value = s == 5 && random.Next(0, 20) == 0 ? random.NextDouble() * 10
                    : s == 7 ? value - random.NextDouble() * 5
                    : value + random.NextDouble() * 97;
                appender.Append(labels, t, value, out _);
            }
        }
        appender.Commit();
        return head;
    }

    /// <summary>
    /// Series sampled at the times of a series before them share the window bounds and factors worked out for
    /// those times; each must get what it gets when selected alone.
    /// </summary>
    [Theory]
    [InlineData("rate(c{0}[1m])", 15_000)]
    [InlineData("increase(c{0}[90s])", 37_000)]
    [InlineData("delta(c{0}[1m])", 15_000)]
    [InlineData("rate(c{0}[2m] offset 30s)", 60_000)]
    [InlineData("increase(c{0}[1m] @ 1000)", 15_000)]
    public void SeriesSampledTogetherGetWhatEachGetsAlone(string template, long step)
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(15), Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            using var head = SharedTimeCounters(seed);
            long start = 3 * Scrape, end = 105 * Scrape;
            var together = RangeMatrix(head, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ""), start, end, step);
            Assert.Equal(8, together.Count);
            for (int s = 0; s < 8; s++)
            {
                var alone = Assert.Single(RangeMatrix(head, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "{s=\"" + s + "\"}"), start, end, step));
                var shared = together[alone.Key];
                Assert.Equal(alone.Value.Select(p => (p.T, BitConverter.DoubleToInt64Bits(p.F))), shared.Select(p => (p.T, BitConverter.DoubleToInt64Bits(p.F))));
            }
        }));
    }

    [Fact]
    public void RateOfSeriesThatDifferOnlyByNameIsADuplicateEvenWhenAggregated()
    {
        using var head = Load("""
            load 15s
            a{x="1"} 0+1x40
            b{x="1"} 0+2x40
            """);
        var error = Assert.Throws<QueryException>(() => Engine.Range(head, "sum(rate({x=\"1\"}[1m]))", 0, 600_000, 15_000, CancellationToken.None));
        Assert.Contains("same labelset", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate({__name__=~\"a|b\", x=\"1\"}[1m])", true)]
    [InlineData("sum(increase({__name__!=\"c\", x=~\".+\"}[1m]))", true)]
    [InlineData("rate({__name__=\"a\"}[1m])", false)]
    [InlineData("sum by (x) (rate(a[1m]))", false)]
    [InlineData("last_over_time({x=\"1\"}[1m])", false)]
    public void OnlyRangeCallsThatDropDifferentNamesCanCollide(string query, bool collides)
    {
        using var head = Load("""
            load 15s
            a{x="1"} 0+1x40
            a{x="2"} 0+1x40
            b{x="1"} 0+2x40
            """);
        if (collides)
        {
            var error = Assert.Throws<QueryException>(() => Engine.Range(head, query, 0, 600_000, 15_000, CancellationToken.None));
            Assert.Contains("same labelset", error.Message, StringComparison.Ordinal);
        }
        else
        {
            var result = (Matrix)Engine.Range(head, query, 0, 600_000, 15_000, CancellationToken.None).Value;
            Assert.NotEmpty(result.Series);
        }
    }
}
