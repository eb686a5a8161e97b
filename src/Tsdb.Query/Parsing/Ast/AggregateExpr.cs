namespace Tsdb.Query.Parsing;

/// <summary><c>op by|without (grouping) (param, expr)</c>.</summary>
public sealed class AggregateExpr : Expr
{
    public AggregateExpr(AggregationOp op, Expr inner, Expr? parameter, IReadOnlyList<string> grouping, bool without, PositionRange position = default)
    {
        Op = op;
        Inner = inner;
        Parameter = parameter;
        Grouping = grouping;
        Without = without;
        Position = position;
    }

    public AggregationOp Op { get; }

    public Expr Inner { get; }

    /// <summary>The k of topk/bottomk, the φ of quantile, the label of count_values; null for the others.</summary>
    public Expr? Parameter { get; }

    public IReadOnlyList<string> Grouping { get; }

    /// <summary>True for <c>without</c>, false for <c>by</c> (or no clause).</summary>
    public bool Without { get; }

    public override ExprType Type => ExprType.Vector;
}
