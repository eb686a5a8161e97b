namespace Tsdb.Query.Parsing;

/// <summary><c>selector[range]</c>; its offset and <c>@</c> modifiers live on <see cref="Selector"/>.</summary>
public sealed class MatrixSelector : Expr
{
    public MatrixSelector(VectorSelector selector, TimeSpan range, PositionRange position = default)
    {
        Selector = selector;
        Range = range;
        Position = position;
    }

    public VectorSelector Selector { get; }

    public TimeSpan Range { get; }

    public override ExprType Type => ExprType.Matrix;
}
