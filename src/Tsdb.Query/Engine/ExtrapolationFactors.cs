using System.Runtime.CompilerServices;

namespace Tsdb.Query.Engine;

/// <summary>
/// The last factor rate, increase or delta multiplied a window's change by, with the integer inputs it came from
/// (gaps to the window's edges, the sampled span and the sample count). Regularly scraped series give the same
/// inputs at step after step, and the same inputs give bit for bit the same factor, so a hit skips the chain of
/// divisions that dominates the per-window cost.
/// </summary>
internal struct ExtrapolationFactors
{
    /// <summary>Below 2^-1000 a product may be subnormal, where the rounding bound of the zero check no longer holds.</summary>
    private const double SmallestCheckedBound = 1e-300;

    /// <summary>Relative margin of the zero check, far above the few roundings it has to cover.</summary>
    private const double ZeroCheckMargin = 1e-9;

    private long _toStartMs;
    private long _toEndMs;
    private long _sampledMs;
    private int _count;
    private double _factor;
    private double _zeroBindsBelow;

    /// <summary>
    /// The stored factor when it was made from these inputs and a counter's zero cannot come closer than the
    /// window's start: that holds when <c>first / change</c> is clearly above <c>toStart / sampled</c> (the
    /// comparison the full computation makes with a division, here decided with a margin), or always when the
    /// first sample sits on the window's start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool TryGet(long toStartMs, long toEndMs, long sampledMs, int count, bool zeroMayBind, double first, double change, out double factor)
    {
        factor = _factor;
        if (_count != count || _toStartMs != toStartMs || _toEndMs != toEndMs || _sampledMs != sampledMs) return false;
        return !zeroMayBind || ZeroStaysBeforeStart(_zeroBindsBelow, first, change);
    }

    /// <summary>
    /// Whether a counter's zero, extrapolated back from <paramref name="first"/> with slope
    /// <paramref name="change"/>, lies before the window's start, given <see cref="ZeroBindsBelow"/> of the
    /// window's shape; false also when that cannot be told apart without the full computation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ZeroStaysBeforeStart(double zeroBindsBelow, double first, double change)
    {
        if (zeroBindsBelow == 0) return true;
        double bound = change * zeroBindsBelow;
        return bound >= SmallestCheckedBound && first > bound;
    }

    /// <summary>
    /// The ratio first / change below which a counter's zero may come closer than the window's start (with a
    /// margin), or 0 when the first sample sits on the start and the zero never can.
    /// </summary>
    public static double ZeroBindsBelow(double durationToStart, double sampledInterval) =>
        durationToStart == 0 ? 0 : durationToStart / sampledInterval * (1 + ZeroCheckMargin);

    /// <summary>Keeps a factor computed without the zero limit, with what the zero check needs later.</summary>
    public void Store(long toStartMs, long toEndMs, long sampledMs, int count, double factor, double durationToStart, double sampledInterval)
    {
        _toStartMs = toStartMs;
        _toEndMs = toEndMs;
        _sampledMs = sampledMs;
        _count = count;
        _factor = factor;
        _zeroBindsBelow = ZeroBindsBelow(durationToStart, sampledInterval);
    }
}
