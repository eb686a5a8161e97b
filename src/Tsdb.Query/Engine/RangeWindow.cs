namespace Tsdb.Query.Engine;

/// <summary>
/// What a range-vector function sees at one step for one series: the points in [RangeStart, RangeEnd],
/// the evaluation time and the values of the function's scalar arguments at that step.
/// </summary>
internal readonly ref struct RangeWindow(ReadOnlySpan<Point> points, long ts, long rangeStart, long rangeEnd, long rangeMs, double[] parameters)
{
    public ReadOnlySpan<Point> Points { get; } = points;

    public long Ts { get; } = ts;

    public long RangeStart { get; } = rangeStart;

    public long RangeEnd { get; } = rangeEnd;

    public long RangeMs { get; } = rangeMs;

    /// <summary>The scalar arguments, in order, without the range vector.</summary>
    public double[] Parameters { get; } = parameters;
}
