using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Engine;
using Tsdb.Storage;

namespace Tsdb.Query.Tests.Engine;

public sealed class StaleNaNTests
{
    /// <summary>
    /// Points of any length (the vectorised check takes two at a time and leaves a tail) with markers, other NaNs
    /// and timestamps that carry the marker's bits, which must not count.
    /// </summary>
    private static Point[] PointsOf((int Kind, bool MarkerTime)[] specs) =>
        specs.Select((s, i) => new Point(s.MarkerTime ? unchecked((long)StaleNaN.Bits) : i * 15_000L, (s.Kind % 4) switch
        {
            0 => BitConverter.UInt64BitsToDouble(StaleNaN.Bits),
            1 => double.NaN,
            _ => s.Kind * 0.5,
        })).ToArray();

    [Fact]
    public void FindsAMarkerAtEveryPosition()
    {
        for (int length = 1; length <= 11; length++)
            for (int at = 0; at < length; at++)
            {
                var points = Enumerable.Range(0, length).Select(i => new Point(i, i)).ToArray();
                points[at] = points[at] with { F = BitConverter.UInt64BitsToDouble(StaleNaN.Bits) };
                Assert.True(StaleNaN.AnyIn(points), $"length {length}, marker at {at}");
                Assert.Equal(length - 1, StaleNaN.Drop(points));
                Assert.DoesNotContain(points.Take(length - 1), p => StaleNaN.Is(p.F));
            }
    }

    [Fact]
    public void DropKeepsTheOtherPointsInOrder()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 7), ArbMap.Default.GeneratorFor<bool>()))), specs =>
        {
            var points = PointsOf(specs);
            var expected = points.Where(p => !StaleNaN.Is(p.F)).ToArray();
            bool any = StaleNaN.AnyIn(points);
            int kept = StaleNaN.Drop(points);
            return any == (expected.Length != points.Length)
                && points.Take(kept).Select(p => (p.T, BitConverter.DoubleToInt64Bits(p.F)))
                    .SequenceEqual(expected.Select(p => (p.T, BitConverter.DoubleToInt64Bits(p.F))));
        }).QuickCheckThrowOnFailure();
    }
}
