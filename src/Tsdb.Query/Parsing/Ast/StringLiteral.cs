namespace Tsdb.Query.Parsing;

public sealed class StringLiteral : Expr
{
    public StringLiteral(string value, PositionRange position = default)
    {
        Value = value;
        Position = position;
    }

    public string Value { get; }

    public override ExprType Type => ExprType.String;
}
