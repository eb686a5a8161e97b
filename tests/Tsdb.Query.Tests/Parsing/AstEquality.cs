using Tsdb.Query.Parsing;

namespace Tsdb.Query.Tests.Parsing;

/// <summary>Structural equality of ASTs, ignoring positions and the order of label matchers.</summary>
internal static class AstEquality
{
    public static bool Same(Expr a, Expr b) => (a, b) switch
    {
        (NumberLiteral x, NumberLiteral y) => x.Value.Equals(y.Value),
        (StringLiteral x, StringLiteral y) => x.Value == y.Value,
        (ParenExpr x, ParenExpr y) => Same(x.Inner, y.Inner),
        (UnaryExpr x, UnaryExpr y) => x.Op == y.Op && Same(x.Operand, y.Operand),
        (BinaryExpr x, BinaryExpr y) => x.Op == y.Op && x.ReturnBool == y.ReturnBool && SameMatching(x.Matching, y.Matching)
                                        && Same(x.Left, y.Left) && Same(x.Right, y.Right),
        (Call x, Call y) => x.Function == y.Function && x.Args.Count == y.Args.Count && x.Args.Zip(y.Args).All(p => Same(p.First, p.Second)),
        (AggregateExpr x, AggregateExpr y) => x.Op == y.Op && x.Without == y.Without && x.Grouping.SequenceEqual(y.Grouping)
                                              && Same(x.Inner, y.Inner) && (x.Parameter is null ? y.Parameter is null : y.Parameter is not null && Same(x.Parameter, y.Parameter)),
        (VectorSelector x, VectorSelector y) => SameSelector(x, y),
        (MatrixSelector x, MatrixSelector y) => x.Range == y.Range && SameSelector(x.Selector, y.Selector),
        (SubqueryExpr x, SubqueryExpr y) => x.Range == y.Range && x.Step == y.Step && x.Offset == y.Offset && x.At == y.At
                                            && x.Timestamp == y.Timestamp && Same(x.Inner, y.Inner),
        _ => false,
    };

    private static bool SameMatching(VectorMatching? a, VectorMatching? b) =>
        a is null ? b is null
        : b is not null && a.Cardinality == b.Cardinality && a.On == b.On && a.MatchingLabels.SequenceEqual(b.MatchingLabels) && a.Include.SequenceEqual(b.Include);

    private static bool SameSelector(VectorSelector a, VectorSelector b) =>
        a.Name == b.Name && a.Offset == b.Offset && a.At == b.At && a.Timestamp == b.Timestamp
        && a.Matchers.Select(m => m.ToString()).Order(StringComparer.Ordinal).SequenceEqual(b.Matchers.Select(m => m.ToString()).Order(StringComparer.Ordinal));
}
