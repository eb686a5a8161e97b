namespace Tsdb.Query.Parsing;

/// <summary><c>expr[range:step] @ t offset d</c>; <see cref="Step"/> is zero when omitted (the default step).</summary>
public sealed class SubqueryExpr : Expr
{
    public SubqueryExpr(Expr inner, TimeSpan range, TimeSpan step, PositionRange position = default)
    {
        Inner = inner;
        Range = range;
        Step = step;
        Position = position;
    }

    public Expr Inner { get; }

    public TimeSpan Range { get; }

    public TimeSpan Step { get; }

    public TimeSpan Offset { get; internal set; }

    public AtModifier At { get; internal set; }

    public long Timestamp { get; internal set; }

    public override ExprType Type => ExprType.Matrix;
}
