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
        var state = new BinaryMatchState(op, matching, e.ReturnBool);
        return op switch
        {
            Operator.And => RangeEval((v, _, output) => And(v[0], v[1], state, output), e.Left, e.Right),
            Operator.Or => RangeEval((v, _, output) => Or(v[0], v[1], state, output), e.Left, e.Right),
            Operator.Unless => RangeEval((v, _, output) => Unless(v[0], v[1], state, output), e.Left, e.Right),
            _ => RangeEval((v, _, output) => VectorVector(op, v[0], v[1], matching, state, e.ReturnBool, output), e.Left, e.Right),
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
        BinaryMatchState state, bool returnBool, List<Sample> output)
    {
        if (lhs.Count == 0 || rhs.Count == 0) return;
        // One-to-many is many-to-one with the sides swapped; values are swapped back when computed.
        bool swapped = matching.Cardinality == MatchCardinality.OneToMany;
        if (swapped) (lhs, rhs) = (rhs, lhs);

        var signatures = state.Signatures;
        var oneSide = state.OneSide;
        oneSide.Clear();
        // Sized at the first step for what the steps bring: grown by doubling, a table is allocated about twice.
        signatures.Expect(lhs.Count + rhs.Count);
        oneSide.EnsureCapacity(rhs.Count);
        foreach (var rs in rhs)
        {
            var sig = signatures.Of(rs.Metric);
            if (oneSide.TryGetValue(sig, out var duplicate))
            {
                throw new QueryException(QueryErrorType.Execution,
                    $"found duplicate series for the match group {LabelSets.Format(signatures.LabelsOf(rs.Metric))} on the {(swapped ? "left" : "right")} hand-side of the operation: " +
                    $"[{LabelSets.Format(rs.Metric)}, {LabelSets.Format(duplicate.Metric)}];many-to-many matching not allowed: matching labels must be unique on one side");
            }
            oneSide.Add(sig, rs);
        }

        var matched = state.Matched;
        matched.Clear();
        matched.EnsureCapacity(lhs.Count);
        foreach (var ls in lhs)
        {
            var sig = signatures.Of(ls.Metric);
            if (!oneSide.TryGetValue(sig, out var rs)) continue;
            double vl = ls.F, vr = rs.F;
            if (swapped) (vl, vr) = (vr, vl);
            var value = BinaryOps.VectorElementOp(op, vl, vr, out bool keep);
            if (returnBool) value = keep ? 1 : 0;
            else if (!keep) continue;

            var metric = state.ResultMetric(ls.Metric, rs.Metric);

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

    private static void And(List<Sample> lhs, List<Sample> rhs, BinaryMatchState state, List<Sample> output)
    {
        if (lhs.Count == 0 || rhs.Count == 0) return;
        var (signatures, right) = (state.Signatures, state.Signed);
        right.Clear();
        foreach (var rs in rhs) right.Add(signatures.Of(rs.Metric));
        foreach (var ls in lhs)
            if (right.Contains(signatures.Of(ls.Metric))) output.Add(ls);
    }

    private static void Or(List<Sample> lhs, List<Sample> rhs, BinaryMatchState state, List<Sample> output)
    {
        if (lhs.Count == 0 || rhs.Count == 0)
        {
            output.AddRange(lhs);
            output.AddRange(rhs);
            return;
        }
        var (signatures, left) = (state.Signatures, state.Signed);
        left.Clear();
        foreach (var ls in lhs)
        {
            left.Add(signatures.Of(ls.Metric));
            output.Add(ls);
        }
        foreach (var rs in rhs)
            if (!left.Contains(signatures.Of(rs.Metric))) output.Add(rs);
    }

    private static void Unless(List<Sample> lhs, List<Sample> rhs, BinaryMatchState state, List<Sample> output)
    {
        if (lhs.Count == 0 || rhs.Count == 0)
        {
            output.AddRange(lhs);
            return;
        }
        var (signatures, right) = (state.Signatures, state.Signed);
        right.Clear();
        foreach (var rs in rhs) right.Add(signatures.Of(rs.Metric));
        foreach (var ls in lhs)
            if (!right.Contains(signatures.Of(ls.Metric))) output.Add(ls);
    }
}
