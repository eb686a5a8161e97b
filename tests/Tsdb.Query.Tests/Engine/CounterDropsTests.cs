using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Engine;
using Tsdb.Storage;

namespace Tsdb.Query.Tests.Engine;

public sealed class CounterDropsTests
{
    [Fact]
    public void FindsADropAtEveryPosition()
    {
        for (int length = 2; length <= 11; length++)
            for (int at = 1; at < length; at++)
            {
                var points = Enumerable.Range(0, length).Select(i => new Point(i * 15_000L, i >= at ? i - 0.5 - at : i)).ToArray();
                Assert.True(CounterDrops.Any(points), $"length {length}, drop at {at}");
            }
    }

    /// <summary>Values from a small set (equal neighbours, NaN, infinities, -0 and 0) and timestamps that fall.</summary>
    [Fact]
    public void AgreesWithComparingEachPointWithItsPredecessor()
    {
        double[] values = [0, -0.0, 1, 2, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-310];
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Zip(Gen.Choose(0, values.Length - 1), Gen.Choose(-5, 1000)))), specs =>
        {
            var points = specs.Select(s => new Point(s.Item2, values[s.Item1])).ToArray();
            bool expected = false;
            for (int i = 1; i < points.Length; i++) expected |= points[i].F < points[i - 1].F;
            return CounterDrops.Any(points) == expected;
        }).QuickCheckThrowOnFailure();
    }
}
