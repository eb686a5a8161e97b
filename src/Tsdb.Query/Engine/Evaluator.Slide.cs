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
            ? SlideExtrapolated(extrapolated.Extrapolation, points, rangeMs, offsetMs, at, ref sink)
            : SlideWindows((WindowRangeCall)call, points, rangeMs, offsetMs, at, ref sink);
        _context.Take(produced);
        return produced;
    }

    /// <summary>
    /// rate, increase or delta at every step. For a counter, the newest point below its predecessor is tracked as
    /// the window's end advances: a window [lo, hi) holds a reset exactly when that point lies after lo, so only
    /// such windows are scanned for resets to add back.
    /// </summary>
    private int SlideExtrapolated<TSink>(Extrapolation kind, ReadOnlySpan<Point> points, long rangeMs, long offsetMs, long? at, ref TSink sink)
        where TSink : struct, IStepSink
    {
        double rangeSeconds = GoMath.DurationSeconds(rangeMs);
        var factors = new ExtrapolationFactors();
        // An @ modifier pins every step to the same window.
        long reference = ReferenceTime(Start, at, offsetMs), advance = at is null ? Interval : 0;
        int steps = StepCount, lo = 0, hi = 0, lastDrop = 0, produced = 0;
        double previous = double.NaN;
        long ts = Start;
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
