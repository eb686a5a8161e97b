using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>
/// The <see cref="ExtrapolationPlan"/>s of one rate, increase or delta call, by run of sample times (found by the
/// first and last time and the count, then checked time by time). A run seen once may be one series' own, so its
/// plan is made the second time; plans are kept up to a budget of memory.
/// </summary>
internal sealed class ExtrapolationPlans
{
    /// <summary>About 8 MB of plans: thousands of targets' runs at an hour's steps.</summary>
    private const int BudgetSlots = 1 << 20;

    private readonly Dictionary<(long First, long Last, int Count), ExtrapolationPlan> _byTimes = [];
    private readonly HashSet<(long First, long Last, int Count)> _seen = [];
    private int _slots;

    /// <summary>
    /// The plan for these points' times, or null the first time they are seen. The window arguments are the
    /// same at every call on one instance (one call of the function over one range).
    /// </summary>
    public ExtrapolationPlan? For(ReadOnlySpan<Point> points, long firstReference, long advance, int steps, long rangeMs,
        double rangeSeconds, Extrapolation kind)
    {
        if (points.Length < 2) return null;
        var key = (points[0].T, points[^1].T, points.Length);
        if (_byTimes.TryGetValue(key, out var plan) && plan.Fits(points)) return plan;
        if (_seen.Add(key)) return null;
        plan = ExtrapolationPlan.Make(points, firstReference, advance, steps, rangeMs, rangeSeconds, kind);
        if (_byTimes.Remove(key, out var replaced)) _slots -= replaced.Size;
        if (_slots + plan.Size <= BudgetSlots)
        {
            _byTimes.Add(key, plan);
            _slots += plan.Size;
        }
        return plan;
    }
}
