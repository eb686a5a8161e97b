using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Engine;
using Tsdb.Server.Api;
using Tsdb.Storage;

namespace Tsdb.Server.Tests.Api;

/// <summary>
/// A series' points are written as <c>[[seconds,"value"],...]</c>, the seconds in their shortest decimal and the
/// values as Go's strconv writes them, whether the point prefixes come from a range query's step table (filled as
/// series after series ask for its steps) or are formatted point by point.
/// </summary>
public sealed class PointsJsonTests
{
    private static readonly Gen<long> Milliseconds =
        Gen.Choose(-1_000_000_000, 1_000_000_000).Zip(Gen.Choose(0, 999)).Select(p => p.Item1 * 1000L + p.Item2);

    private static readonly Gen<long> StepMs = Gen.OneOf(Gen.Elements(1L, 10L, 250L, 1000L, 1500L, 15_000L, 60_000L), Gen.Choose(1, 100_000).Select(s => (long)s));

    /// <summary>Specials, values seen in answers and arbitrary bit patterns, from a small pool so that repeats come up.</summary>
    private static readonly Gen<double> Values = Gen.OneOf(
        Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.0, 0.1 + 0.2, 32.90526315789473, 1e21, double.Epsilon),
        Gen.Choose(int.MinValue, int.MaxValue).Two().Select(p => BitConverter.Int64BitsToDouble((long)p.Item1 << 32 | (uint)p.Item2)),
        Gen.Choose(-100_000, 100_000).Select(n => n / 30.0));

    [Fact]
    public void PointsOnAndOffTheStepsAreWrittenAsWithoutTheTable()
    {
        // A grid, then series of points: each on a step (of the grid or beyond its end) or between steps, in any order.
        var input = Milliseconds.Zip(StepMs).Zip(Gen.Choose(1, 200)).SelectMany(grid =>
        {
            var ((start, step), steps) = grid;
            var time = Gen.OneOf(
                Gen.Choose(0, steps - 1).Select(i => start + i * step),
                Gen.Choose(-2, steps + 2).Select(i => start + i * step),
                Gen.Choose(-2, steps + 2).Zip(Gen.Choose(1, 999)).Select(p => start + p.Item1 * step + p.Item2 % step));
            var series = time.Zip(Values).Select(p => new Point(p.Item1, p.Item2)).ListOf().Select(l => l.ToArray()).ListOf();
            return series.Select(s => (start, step, steps, s));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(Arb.From(input), sample =>
        {
            var (start, step, steps, series) = sample;
            var prefixes = new StepPointPrefixes(start, start + (steps - 1) * step, step);
            foreach (var points in series)
            {
                string expected = Reference(points);
                Assert.Equal(expected, Write(points, prefixes));
                Assert.Equal(expected, Write(points, null));
            }
        }));
    }

    [Fact]
    public void AnEndBetweenStepsEndsTheTableAtTheStepBeforeIt()
    {
        var prefixes = new StepPointPrefixes(1_000, 4_500, 1_000);
        Point[] points = [new(1_000, 1), new(4_000, 2), new(5_000, 3), new(-1_000, 4), new(999, 5)];
        Assert.Equal(Reference(points), Write(points, prefixes));
        Assert.Equal("""[[1,"1"],[4,"2"],[5,"3"],[-1,"4"],[0.999,"5"]]""", Write(points, prefixes));
    }

    [Fact]
    public void AGridLongerThanAnyRangeAnswerIsKeptUpToThatLengthAndWrittenWhole()
    {
        // A 1.5 ms step rounded down to 1 ms gives half as many steps again as the API allows.
        const int steps = StepPointPrefixes.MaxSteps * 3 / 2;
        var prefixes = new StepPointPrefixes(0, steps - 1, 1);
        var points = Enumerable.Range(0, steps).Select(i => new Point(i, i % 7)).ToArray();
        Assert.Equal(Reference(points), Write(points, prefixes));
        Assert.Equal(Reference(points), Write(points, prefixes));
    }

    [Fact]
    public void TheWidestGridOfTimestampsIsAccepted()
    {
        var prefixes = new StepPointPrefixes(long.MinValue, long.MaxValue, 1);
        Point[] points = [new(0, 1), new(1, 2)];
        Assert.Equal(Reference(points), Write(points, prefixes));
    }

    private static string Write(Point[] points, StepPointPrefixes? prefixes)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            PointsJson.Write(json, points, prefixes);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Each number formatted on its own, the seconds as the float they are.</summary>
    private static string Reference(Point[] points) =>
        "[" + string.Join(",", points.Select(p => $"[{GoFloatText.FormatPlain(p.T / 1000.0)},\"{GoFloatText.FormatPlain(p.F)}\"]")) + "]";
}
