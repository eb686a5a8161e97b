using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>
/// What a range-vector function sees at one step for one series: the points in [RangeStart, RangeEnd],
/// the evaluation time and the values of the function's scalar arguments at that step.
/// </summary>
internal readonly ref struct RangeWindow(ReadOnlySpan<Point> points, long ts, long rangeStart, long rangeEnd, double rangeSeconds, double[] parameters)
{
    public ReadOnlySpan<Point> Points { get; } = points;

    public long Ts { get; } = ts;

    public long RangeStart { get; } = rangeStart;

    public long RangeEnd { get; } = rangeEnd;

    /// <summary>The range in seconds as Go's Duration.Seconds() gives it, computed once per series rather than per window.</summary>
    public double RangeSeconds { get; } = rangeSeconds;

    /// <summary>The scalar arguments, in order, without the range vector.</summary>
    public double[] Parameters { get; } = parameters;
}
