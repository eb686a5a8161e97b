using Tsdb.Storage;

namespace Tsdb.Query.Parsing;

/// <summary>
/// <c>name{matchers} @ t offset d</c>. When the metric name is written outside the braces it is also the
/// last entry of <see cref="Matchers"/> (an equality matcher on <c>__name__</c>), as in Prometheus.
/// </summary>
public sealed class VectorSelector : Expr
{
    public VectorSelector(string name, IReadOnlyList<Matcher> matchers, PositionRange position = default)
    {
        Name = name;
        Matchers = matchers;
        Position = position;
    }

    /// <summary>The metric name written before the braces, or "" when there is none.</summary>
    public string Name { get; }

    public IReadOnlyList<Matcher> Matchers { get; }

    /// <summary>The <c>offset</c> as written (negative looks forward in time); zero when absent.</summary>
    public TimeSpan Offset { get; internal set; }

    public AtModifier At { get; internal set; }

    /// <summary>The <c>@</c> time in milliseconds since the epoch, when <see cref="At"/> is <see cref="AtModifier.Timestamp"/>.</summary>
    public long Timestamp { get; internal set; }

    public override ExprType Type => ExprType.Vector;
}
