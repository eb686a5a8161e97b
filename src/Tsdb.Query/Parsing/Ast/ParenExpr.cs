namespace Tsdb.Query.Parsing;

public sealed class ParenExpr : Expr
{
    public ParenExpr(Expr inner, PositionRange position = default)
    {
        Inner = inner;
        Position = position;
    }

    public Expr Inner { get; }

    public override ExprType Type => Inner.Type;
}
