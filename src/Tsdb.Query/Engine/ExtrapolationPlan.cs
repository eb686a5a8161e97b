using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>
/// For one run of sample times: where each step's window starts and ends among the samples, and the factor rate,
/// increase or delta multiplies the window's change by (with the bound of the counter-zero check, see
/// <see cref="ExtrapolationFactors"/>). Series written together (one target's scrape, one remote-write batch)
/// share their sample times, so this is worked out once for all of them, and each series' value at a step is two
/// loads, a subtraction and a multiplication.
/// </summary>
internal sealed class ExtrapolationPlan
{
    private readonly long[] _times;

    private ExtrapolationPlan(long[] times, int steps)
    {
        _times = times;
        Lo = new int[steps];
        Hi = new int[steps];
        Factor = new double[steps];
        ZeroBindsBelow = new double[steps];
    }

    /// <summary>The first sample in each step's window.</summary>
    public int[] Lo { get; }

    /// <summary>One past the last sample in each step's window.</summary>
    public int[] Hi { get; }

    /// <summary>The factor of each step's window, as computed when a counter's zero does not limit the extrapolation.</summary>
    public double[] Factor { get; }

    /// <summary>Each step's <see cref="ExtrapolationFactors.ZeroBindsBelow"/>.</summary>
    public double[] ZeroBindsBelow { get; }

    /// <summary>The number of array slots it holds, what a cache of plans counts against its budget.</summary>
    public int Size => _times.Length + 4 * Lo.Length;

    /// <summary>Whether <paramref name="points"/> were sampled at exactly the times this plan was made for.</summary>
    public bool Fits(ReadOnlySpan<Point> points)
    {
        if (points.Length != _times.Length) return false;
        // Without a branch per point: the times almost always match.
        long difference = 0;
        for (int i = 0; i < points.Length; i++) difference |= points[i].T ^ _times[i];
        return difference == 0;
    }

    /// <summary>
    /// The plan for the sample times of <paramref name="points"/>, the window of step i ending at
    /// <c>firstReference + i * advance</c> and reaching <paramref name="rangeMs"/> back.
    /// </summary>
    public static ExtrapolationPlan Make(ReadOnlySpan<Point> points, long firstReference, long advance, int steps, long rangeMs,
        double rangeSeconds, Extrapolation kind)
    {
        var times = new long[points.Length];
        for (int i = 0; i < points.Length; i++) times[i] = points[i].T;
        var plan = new ExtrapolationPlan(times, steps);
        int lo = 0, hi = 0;
        // Regular samples give windows of the same shape step after step: one factor serves them all.
        long lastToStart = -1, lastToEnd = -1, lastSampled = -1;
        int lastCount = 0;
        double factor = 0, zeroBindsBelow = 0;
        long reference = firstReference;
        for (int step = 0; step < steps; step++, reference += advance)
        {
            long from = reference - rangeMs;
            while (hi < times.Length && times[hi] <= reference) hi++;
            while (lo < hi && times[lo] < from) lo++;
            plan.Lo[step] = lo;
            plan.Hi[step] = hi;
            int count = hi - lo;
            if (count < 2) continue;
            long toStartMs = times[lo] - from, toEndMs = reference - times[hi - 1], sampledMs = times[hi - 1] - times[lo];
            if (toStartMs != lastToStart || toEndMs != lastToEnd || sampledMs != lastSampled || count != lastCount)
            {
                // The arithmetic of RangeFunctions.ExtrapolatedRate without the zero limit, so the factor is the same to the bit.
                double durationToStart = toStartMs / 1000.0;
                double durationToEnd = toEndMs / 1000.0;
                double sampledInterval = sampledMs / 1000.0;
                double averageSpacing = sampledInterval / (count - 1);
                factor = RangeFunctions.Factor(durationToStart, durationToEnd, sampledInterval, averageSpacing, kind, rangeSeconds);
                zeroBindsBelow = ExtrapolationFactors.ZeroBindsBelow(durationToStart, sampledInterval);
                (lastToStart, lastToEnd, lastSampled, lastCount) = (toStartMs, toEndMs, sampledMs, count);
            }
            plan.Factor[step] = factor;
            plan.ZeroBindsBelow[step] = zeroBindsBelow;
        }
        return plan;
    }
}
