using Tsdb.Query.Parsing;

namespace Tsdb.Query.Engine;

/// <summary>The arithmetic and comparisons of binary operators on single values.</summary>
internal static class BinaryOps
{
    /// <summary>Arithmetic drops the metric name from its results; comparisons and atan2 keep it.</summary>
    public static bool DropsMetricName(Operator op) =>
        op is Operator.Add or Operator.Sub or Operator.Mul or Operator.Div or Operator.Mod or Operator.Pow;

    /// <summary>Scalar op scalar: comparisons yield 1 or 0.</summary>
    public static double ScalarOp(Operator op, double l, double r)
    {
        var value = VectorElementOp(op, l, r, out bool keep);
        return op.IsComparison() ? (keep ? 1 : 0) : value;
    }

    /// <summary>
    /// An operator on two elements: arithmetic yields its value and always keeps it; a comparison yields
    /// the left value and keeps it only when the comparison holds.
    /// </summary>
    public static double VectorElementOp(Operator op, double l, double r, out bool keep)
    {
        keep = true;
        switch (op)
        {
            case Operator.Add: return l + r;
            case Operator.Sub: return l - r;
            case Operator.Mul: return l * r;
            case Operator.Div: return l / r;
            case Operator.Pow: return GoMath.Pow(l, r);
            case Operator.Mod: return GoMath.Mod(l, r);
            case Operator.Atan2: return Math.Atan2(l, r);
            case Operator.Eql: keep = l == r; return l;
            case Operator.Neq: keep = l != r; return l;
            case Operator.Gtr: keep = l > r; return l;
            case Operator.Lss: keep = l < r; return l;
            case Operator.Gte: keep = l >= r; return l;
            case Operator.Lte: keep = l <= r; return l;
            default: throw new QueryException(QueryErrorType.Execution, $"operator \"{op.Text()}\" not allowed between two values");
        }
    }
}
