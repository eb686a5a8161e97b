using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Engine;
using Tsdb.Storage;

namespace Tsdb.Query.Tests.Engine;

/// <summary>
/// rate, increase and delta reuse the last window's extrapolation factor when its inputs repeat: the values must
/// be bit for bit those computed afresh for every window.
/// </summary>
public sealed class ExtrapolationFactorsTests
{
    private static readonly double[] Specials = [0, -0.0, 1e-310, 1e-300, 5e-324, 1, 1e300, double.MaxValue, double.PositiveInfinity, double.NaN];

    [Fact]
    public void ReusedFactorsGiveExactlyTheValuesComputedAfresh()
    {
        // Counter-like series: mostly regular 15 s scrapes with jitter now and then, values rising with resets,
        // zeros and extremes mixed in; windows of 5 minutes at a step that places the first sample on the edge or not.
        var value = Gen.Frequency(
            (6, Gen.Choose(0, 1000).Select(v => (double)v)),
            (2, Gen.Choose(0, 1000).Select(v => v / 7.0)),
            (1, Gen.Elements(Specials)));
        var gap = Gen.Frequency((8, Gen.Constant(15_000L)), (1, Gen.Choose(1, 30_000).Select(g => (long)g)));
        var series = Gen.Zip(value, gap).ArrayOf().Where(s => s.Length >= 2);
        var gen = Gen.Zip(series, Gen.Zip(Gen.Elements(15_000L, 60_000L, 7_000L), Gen.Elements(0L, 1L, 2_500L)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Arb.From(gen), input =>
        {
            var (samples, (step, phase)) = input;
            var points = new Point[samples.Length];
            long t = phase;
            double counter = 0;
            for (int i = 0; i < samples.Length; i++)
            {
                t += samples[i].Item2;
                counter = samples[i].Item1 < 1 && i % 5 == 0 ? samples[i].Item1 : counter + samples[i].Item1;
                points[i] = new Point(t, counter);
            }
            const long range = 300_000;
            foreach (var kind in new[] { new Extrapolation(IsCounter: true, IsRate: true), new Extrapolation(IsCounter: true, IsRate: false), new Extrapolation(IsCounter: false, IsRate: false) })
            {
                var reused = new ExtrapolationFactors();
                int lo = 0, hi = 0;
                for (long ts = points[0].T; ts <= points[^1].T + range; ts += step)
                {
                    while (hi < points.Length && points[hi].T <= ts) hi++;
                    while (lo < hi && points[lo].T < ts - range) lo++;
                    var window = points.AsSpan(lo, hi - lo);
                    var fresh = new ExtrapolationFactors();
                    bool a = RangeFunctions.ExtrapolatedRate(window, true, ts - range, ts, 300, kind, ref reused, out double withReuse);
                    bool b = RangeFunctions.ExtrapolatedRate(window, true, ts - range, ts, 300, kind, ref fresh, out double afresh);
                    if (a != b || BitConverter.DoubleToInt64Bits(withReuse) != BitConverter.DoubleToInt64Bits(afresh))
                        return false;
                }
            }
            return true;
        }));
    }
}
