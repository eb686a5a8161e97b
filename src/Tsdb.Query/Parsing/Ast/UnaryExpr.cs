namespace Tsdb.Query.Parsing;

/// <summary><c>-expr</c> or <c>+expr</c> on anything but a number literal (those are folded into the literal).</summary>
public sealed class UnaryExpr : Expr
{
    public UnaryExpr(Operator op, Expr operand, PositionRange position = default)
    {
        if (op is not (Operator.Add or Operator.Sub)) throw new ArgumentException("unary operator must be + or -", nameof(op));
        Op = op;
        Operand = operand;
        Position = position;
    }

    public Operator Op { get; }

    public Expr Operand { get; }

    public override ExprType Type => Operand.Type;
}
