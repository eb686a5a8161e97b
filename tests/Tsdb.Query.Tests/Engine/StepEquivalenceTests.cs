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
