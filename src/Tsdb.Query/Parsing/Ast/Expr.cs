namespace Tsdb.Query.Parsing;

/// <summary>A PromQL expression node. <see cref="object.ToString"/> renders it back to PromQL.</summary>
public abstract class Expr
{
    /// <summary>Where the expression sits in the query text.</summary>
    public PositionRange Position { get; internal set; }

    public abstract ExprType Type { get; }

    public override string ToString() => Printer.Print(this);
}
