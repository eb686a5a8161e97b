namespace Tsdb.Query.Parsing;

public sealed class Call : Expr
{
    public Call(Function function, IReadOnlyList<Expr> args, PositionRange position = default)
    {
        Function = function;
        Args = args;
        Position = position;
    }

    public Function Function { get; }

    public IReadOnlyList<Expr> Args { get; }

    public override ExprType Type => Function.ReturnType;
}
