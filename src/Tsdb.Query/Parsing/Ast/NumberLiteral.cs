namespace Tsdb.Query.Parsing;

public sealed class NumberLiteral : Expr
{
    public NumberLiteral(double value, PositionRange position = default)
    {
        Value = value;
        Position = position;
    }

    public double Value { get; internal set; }

    public override ExprType Type => ExprType.Scalar;
}
