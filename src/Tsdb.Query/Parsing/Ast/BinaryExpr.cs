namespace Tsdb.Query.Parsing;

public sealed class BinaryExpr : Expr
{
    public BinaryExpr(Operator op, Expr left, Expr right, VectorMatching? matching, bool returnBool, PositionRange position = default)
    {
        Op = op;
        Left = left;
        Right = right;
        Matching = matching;
        ReturnBool = returnBool;
        Position = position;
    }

    public Operator Op { get; }

    public Expr Left { get; }

    public Expr Right { get; }

    /// <summary>Present only when both sides are instant vectors (the type check drops it otherwise).</summary>
    public VectorMatching? Matching { get; internal set; }

    /// <summary>The <c>bool</c> modifier of a comparison.</summary>
    public bool ReturnBool { get; }

    public override ExprType Type =>
        Left.Type == ExprType.Scalar && Right.Type == ExprType.Scalar ? ExprType.Scalar : ExprType.Vector;
}
