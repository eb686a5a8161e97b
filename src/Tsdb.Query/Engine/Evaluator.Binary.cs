using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

internal sealed partial class Evaluator
{
    private Matrix EvalBinary(BinaryExpr e)
    {
        var (lt, rt) = (e.Left.Type, e.Right.Type);
        var op = e.Op;
        if (lt == ExprType.Scalar && rt == ExprType.Scalar)
        {
            return RangeEval((v, ts, output) =>
                output.Add(new Sample(Labels.Empty, ts, BinaryOps.ScalarOp(op, v[0][0].F, v[1][0].F))), e.Left, e.Right);
        }
        if (lt == ExprType.Vector && rt == ExprType.Scalar)
            return RangeEval((v, _, output) => VectorScalar(op, v[0], v[1][0].F, swap: false, e.ReturnBool, output), e.Left, e.Right);
        if (lt == ExprType.Scalar && rt == ExprType.Vector)
            return RangeEval((v, _, output) => VectorScalar(op, v[1], v[0][0].F, swap: true, e.ReturnBool, output), e.Left, e.Right);

        var matching = e.Matching ?? new VectorMatching(
            op.IsSetOperator() ? MatchCardinality.ManyToMany : MatchCardinality.OneToOne, [], on: false, []);
        var signatures = new MatchSignatures(matching);
        return op switch
        {
            Operator.And => RangeEval((v, _, output) => And(v[0], v[1], signatures, output), e.Left, e.Right),
            Operator.Or => RangeEval((v, _, output) => Or(v[0], v[1], signatures, output), e.Left, e.Right),
            Operator.Unless => RangeEval((v, _, output) => Unless(v[0], v[1], signatures, output), e.Left, e.Right),
            _ => RangeEval((v, _, output) => VectorVector(op, v[0], v[1], matching, signatures, e.ReturnBool, output), e.Left, e.Right),
        };
    }

    private static void VectorScalar(Operator op, List<Sample> vector, double scalar, bool swap, bool returnBool, List<Sample> output)
    {
        foreach (var sample in vector)
        {
            double l = sample.F, r = scalar;
            if (swap) (l, r) = (r, l);
            var value = BinaryOps.VectorElementOp(op, l, r, out bool keep);
            // A comparison keeps the vector's value even when the vector is the right operand.
            if (op.IsComparison() && swap) value = r;
            if (returnBool)
            {
                value = keep ? 1 : 0;
                keep = true;
            }
            if (!keep) continue;
            var metric = BinaryOps.DropsMetricName(op) || returnBool ? LabelSets.DropMetricName(sample.Metric) : sample.Metric;
            output.Add(new Sample(metric, sample.T, value));
        }
    }

    private static void VectorVector(Operator op, List<Sample> lhs, List<Sample> rhs, VectorMatching matching,
        MatchSignatures signatures, bool returnBool, List<Sample> output)
    {
        if (lhs.Count == 0 || rhs.Count == 0) return;
        // One-to-many is many-to-one with the sides swapped; values are swapped back when computed.
        bool swapped = matching.Cardinality == MatchCardinality.OneToMany;
        if (swapped) (lhs, rhs) = (rhs, lhs);

        var oneSide = new Dictionary<Labels, Sample>(rhs.Count);
        foreach (var rs in rhs)
        {
            var sig = signatures.Of(rs.Metric);
            if (oneSide.TryGetValue(sig, out var duplicate))
            {
                throw new QueryException(QueryErrorType.Execution,
                    $"found duplicate series for the match group {LabelSets.Format(sig)} on the {(swapped ? "left" : "right")} hand-side of the operation: " +
                    $"[{LabelSets.Format(rs.Metric)}, {LabelSets.Format(duplicate.Metric)}];many-to-many matching not allowed: matching labels must be unique on one side");
            }
            oneSide.Add(sig, rs);
        }

        var matched = new Dictionary<Labels, HashSet<Labels>?>();
        foreach (var ls in lhs)
        {
            var sig = signatures.Of(ls.Metric);
            if (!oneSide.TryGetValue(sig, out var rs)) continue;
            double vl = ls.F, vr = rs.F;
            if (swapped) (vl, vr) = (vr, vl);
            var value = BinaryOps.VectorElementOp(op, vl, vr, out bool keep);
            if (returnBool) value = keep ? 1 : 0;
            else if (!keep) continue;

            var metric = ResultMetric(ls.Metric, rs.Metric, op, matching);
            if (returnBool) metric = LabelSets.DropMetricName(metric);

            bool exists = matched.TryGetValue(sig, out var inserted);
            if (matching.Cardinality == MatchCardinality.OneToOne)
            {
                if (exists)
                    throw new QueryException(QueryErrorType.Execution,
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                matched.Add(sig, null);
            }
            else
            {
                if (!exists)
                {
                    inserted = [];
                    matched.Add(sig, inserted);
                }
                if (!inserted!.Add(metric))
                    throw new QueryException(QueryErrorType.Execution,
                        "multiple matches for labels: grouping labels must ensure unique results");
            }
            output.Add(new Sample(metric, ls.T, value));
        }
    }

    /// <summary>The labels of a vector/vector result: the "many" side's, reduced for one-to-one, plus group_x's extra labels.</summary>
    private static Labels ResultMetric(Labels lhs, Labels rhs, Operator op, VectorMatching matching)
    {
        var metric = BinaryOps.DropsMetricName(op) ? LabelSets.DropMetricName(lhs) : lhs;
        if (matching.Cardinality == MatchCardinality.OneToOne)
            metric = LabelSets.Project(metric, matching.MatchingLabels, keep: matching.On, alsoDropName: false);
        foreach (var name in matching.Include)
            metric = LabelSets.With(metric, name, rhs.Get(name));
        return metric;
    }

    private static void And(List<Sample> lhs, List<Sample> rhs, MatchSignatures signatures, List<Sample> output)
    {
        if (lhs.Count == 0 || rhs.Count == 0) return;
        var right = new HashSet<Labels>();
        foreach (var rs in rhs) right.Add(signatures.Of(rs.Metric));
        foreach (var ls in lhs)
            if (right.Contains(signatures.Of(ls.Metric))) output.Add(ls);
    }

    private static void Or(List<Sample> lhs, List<Sample> rhs, MatchSignatures signatures, List<Sample> output)
    {
        if (lhs.Count == 0 || rhs.Count == 0)
        {
            output.AddRange(lhs);
            output.AddRange(rhs);
            return;
        }
        var left = new HashSet<Labels>();
        foreach (var ls in lhs)
        {
            left.Add(signatures.Of(ls.Metric));
            output.Add(ls);
        }
        foreach (var rs in rhs)
            if (!left.Contains(signatures.Of(rs.Metric))) output.Add(rs);
    }

    private static void Unless(List<Sample> lhs, List<Sample> rhs, MatchSignatures signatures, List<Sample> output)
    {
        if (lhs.Count == 0 || rhs.Count == 0)
        {
            output.AddRange(lhs);
            return;
        }
        var right = new HashSet<Labels>();
        foreach (var rs in rhs) right.Add(signatures.Of(rs.Metric));
        foreach (var ls in lhs)
            if (!right.Contains(signatures.Of(ls.Metric))) output.Add(ls);
    }
}
