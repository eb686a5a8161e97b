using Tsdb.Storage;

namespace Tsdb.Query.Engine;

internal sealed partial class Evaluator
{
    /// <summary>
    /// Slides the window [ref - range, ref] over one series' points step by step (both edges move only forward),
    /// puts the function's value at every step whose window has one into <paramref name="sink"/> and counts them
    /// against the sample limit; returns how many.
    /// </summary>
    private int Slide<TSink>(RangeCall call, ReadOnlySpan<Point> points, long rangeMs, long offsetMs, long? at, ref TSink sink)
        where TSink : struct, IStepSink
    {
        int produced = call is ExtrapolatedRangeCall extrapolated
            ? SlideExtrapolated(extrapolated, points, rangeMs, offsetMs, at, ref sink)
            : SlideWindows((WindowRangeCall)call, points, rangeMs, offsetMs, at, ref sink);
        _context.Take(produced);
        return produced;
    }

    /// <summary>
    /// rate, increase or delta at every step: by the plan of the series' sample times when other series had the
    /// same times and this one has no counter reset (rare, and a plan leaves the reset scan out), else window by
    /// window. There, the newest point below its predecessor is tracked as the window's end advances: a window
    /// [lo, hi) holds a reset exactly when that point lies after lo, so only such windows are scanned for resets.
    /// </summary>
    private int SlideExtrapolated<TSink>(ExtrapolatedRangeCall call, ReadOnlySpan<Point> points, long rangeMs, long offsetMs, long? at, ref TSink sink)
        where TSink : struct, IStepSink
    {
        var kind = call.Extrapolation;
        double rangeSeconds = GoMath.DurationSeconds(rangeMs);
        // An @ modifier pins every step to the same window.
        long firstReference = ReferenceTime(Start, at, offsetMs), advance = at is null ? Interval : 0;
        int steps = StepCount;
        if (!(kind.IsCounter && CounterDrops.Any(points))
            && call.Plans.For(points, firstReference, advance, steps, rangeMs, rangeSeconds, kind) is { } plan)
            return SlideByPlan(plan, kind, points, rangeMs, rangeSeconds, firstReference, advance, ref sink);

        var factors = new ExtrapolationFactors();
        int lo = 0, hi = 0, lastDrop = 0, produced = 0;
        double previous = double.NaN;
        long ts = Start, reference = firstReference;
        for (int step = 0; step < steps; step++, ts += Interval, reference += advance)
        {
            long from = reference - rangeMs;
            while (hi < points.Length && points[hi].T <= reference)
            {
                double v = points[hi].F;
                if (v < previous) lastDrop = hi;
                previous = v;
                hi++;
            }
            while (lo < hi && points[lo].T < from) lo++;
            if (!RangeFunctions.ExtrapolatedRate(points[lo..hi], mayHaveDrops: lastDrop > lo, from, reference, rangeSeconds, kind, ref factors, out double value))
                continue;
            sink.Put(step, ts, value);
            produced++;
        }
        return produced;
    }

    /// <summary>
    /// rate, increase or delta of a series without counter resets, by a plan made for its sample times: each
    /// step's change times the planned factor, which is what the full computation gives unless a counter's zero
    /// may limit the extrapolation; those windows get the full computation.
    /// </summary>
    private int SlideByPlan<TSink>(ExtrapolationPlan plan, Extrapolation kind, ReadOnlySpan<Point> points, long rangeMs, double rangeSeconds,
        long firstReference, long advance, ref TSink sink)
        where TSink : struct, IStepSink
    {
        int steps = StepCount, produced = 0;
        var lows = plan.Lo.AsSpan(0, steps);
        var highs = plan.Hi.AsSpan(0, steps);
        var factors = plan.Factor.AsSpan(0, steps);
        var zeroBounds = plan.ZeroBindsBelow.AsSpan(0, steps);
        bool isCounter = kind.IsCounter;
        long ts = Start, reference = firstReference;
        for (int step = 0; step < lows.Length; step++, ts += Interval, reference += advance)
        {
            int lo = lows[step], hi = highs[step];
            if (hi - lo < 2) continue;
            double first = points[lo].F, change = points[hi - 1].F - first;
            double value;
            if (isCounter && change > 0 && first >= 0 && !ExtrapolationFactors.ZeroStaysBeforeStart(zeroBounds[step], first, change))
            {
                var unshared = new ExtrapolationFactors();
                RangeFunctions.ExtrapolatedRate(points[lo..hi], mayHaveDrops: false, reference - rangeMs, reference, rangeSeconds, kind, ref unshared, out value);
            }
            else value = change * factors[step];
            sink.Put(step, ts, value);
            produced++;
        }
        return produced;
    }

    /// <summary>A range function called on every step's window that holds points.</summary>
    private int SlideWindows<TSink>(WindowRangeCall call, ReadOnlySpan<Point> points, long rangeMs, long offsetMs, long? at, ref TSink sink)
        where TSink : struct, IStepSink
    {
        var parameters = call.Parameters;
        double rangeSeconds = GoMath.DurationSeconds(rangeMs);
        long reference = ReferenceTime(Start, at, offsetMs), advance = at is null ? Interval : 0;
        int steps = StepCount, lo = 0, hi = 0, produced = 0;
        long ts = Start;
        for (int step = 0; step < steps; step++, ts += Interval, reference += advance)
        {
            long from = reference - rangeMs;
            while (hi < points.Length && points[hi].T <= reference) hi++;
            while (lo < hi && points[lo].T < from) lo++;
            if (hi == lo) continue;
            for (int j = 0; j < parameters.Length; j++) parameters[j] = call.ScalarArgs[j].Series[0].Points[step].F;
            var window = new RangeWindow(points[lo..hi], ts, from, reference, rangeSeconds, parameters);
            if (!call.Function(in window, out double value)) continue;
            sink.Put(step, ts, value);
            produced++;
        }
        return produced;
    }
}
