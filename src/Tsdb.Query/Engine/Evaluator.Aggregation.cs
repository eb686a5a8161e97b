using System.Buffers;
using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

internal sealed partial class Evaluator
{
    private Matrix EvalAggregate(AggregateExpr e)
    {
        var parameter = e.Parameter is null ? null : Unwrap(e.Parameter);
        string? valueLabel = null;
        if (e.Op == AggregationOp.CountValues)
        {
            valueLabel = ((StringLiteral)parameter!).Value;
            if (!LabelSets.IsValidName(valueLabel))
                throw new QueryException(QueryErrorType.Execution, $"invalid label name {GoQuote.Quote(valueLabel)}");
        }
        var grouping = new List<string>(e.Grouping);
        if (valueLabel is not null && !e.Without) grouping.Add(valueLabel);
        var groupKeys = new Dictionary<Labels, Labels>(ReferenceEqualityComparer.Instance);
        Labels Compute(Labels metric) => e.Without
            ? LabelSets.Project(metric, grouping, keep: false, alsoDropName: true)
            : LabelSets.Project(metric, grouping, keep: true, alsoDropName: false);
        Labels Cached(Labels metric)
        {
            if (groupKeys.TryGetValue(metric, out var key)) return key;
            key = Compute(metric);
            groupKeys.Add(metric, key);
            return key;
        }
        // count_values builds a new label set per sample, so memoizing by instance would only grow.
        Func<Labels, Labels> groupOf = valueLabel is null ? Cached : Compute;

        if (valueLabel is null && GroupAccumulator.Handles(e.Op)) return EvalAccumulatedAggregate(e.Op, Eval(e.Inner), groupOf);

        var scalarParameter = parameter is not null && parameter.Type == ExprType.Scalar ? e.Parameter : null;
        return RangeEval((v, ts, output) =>
        {
            double param = scalarParameter is null ? 0 : v[0][0].F;
            Aggregations.Aggregate(e.Op, param, valueLabel, v[1], ts, groupOf, output);
        }, scalarParameter, e.Inner);
    }

    /// <summary>
    /// An aggregation that keeps one number per group, straight over the inner matrix: each series' group is
    /// found once, then every step accumulates into per-group slots without building the step's vector. Groups
    /// come out in the order they first appear at each step, as the general path has them.
    /// </summary>
    private Matrix EvalAccumulatedAggregate(AggregationOp op, Matrix inner, Func<Labels, Labels> groupOf)
    {
        var series = inner.Series;
        int held = inner.TotalPoints();
        var groupOfSeries = new int[series.Count];
        var keys = new List<Labels>();
        var indexOfKey = new Dictionary<Labels, int>();
        for (int i = 0; i < series.Count; i++)
        {
            var key = groupOf(series[i].Metric);
            if (!indexOfKey.TryGetValue(key, out int g))
            {
                g = keys.Count;
                indexOfKey.Add(key, g);
                keys.Add(key);
            }
            groupOfSeries[i] = g;
        }

        int groupCount = keys.Count, steps = StepCount;
        var states = ArrayPool<GroupAccumulator>.Shared.Rent(groupCount);
        var seenAtStep = ArrayPool<int>.Shared.Rent(groupCount);
        var appearance = ArrayPool<int>.Shared.Rent(groupCount);
        var cursors = ArrayPool<int>.Shared.Rent(series.Count);
        Array.Clear(seenAtStep, 0, groupCount);
        Array.Clear(cursors, 0, series.Count);
        var outputOfGroup = new Series?[groupCount];
        var result = new List<Series>();
        try
        {
            int step = 0;
            for (long ts = Start; ts <= End; ts += Interval)
            {
                _context.ThrowIfStopped();
                step++;
                int present = 0;
                for (int j = 0; j < series.Count; j++)
                {
                    var points = series[j].Points;
                    int c = cursors[j];
                    if (c >= points.Count || points[c].T != ts) continue;
                    cursors[j] = c + 1;
                    double v = points[c].F;
                    int g = groupOfSeries[j];
                    if (seenAtStep[g] != step)
                    {
                        seenAtStep[g] = step;
                        states[g] = GroupAccumulator.Start(op, v);
                        appearance[present++] = g;
                    }
                    else states[g].Add(op, v);
                }
                _context.Take(present);
                for (int k = 0; k < present; k++)
                {
                    int g = appearance[k];
                    var point = new Point(ts, states[g].Result(op));
                    if (outputOfGroup[g] is { } existing)
                    {
                        existing.Points.Add(point);
                        continue;
                    }
                    var created = new Series(keys[g], new List<Point>(steps) { point });
                    // A single step keeps one series per output sample, as the general path does.
                    if (steps > 1) outputOfGroup[g] = created;
                    result.Add(created);
                }
            }
        }
        finally
        {
            ArrayPool<GroupAccumulator>.Shared.Return(states);
            ArrayPool<int>.Shared.Return(seenAtStep);
            ArrayPool<int>.Shared.Return(appearance);
            ArrayPool<int>.Shared.Return(cursors);
        }
        _context.Release(held);
        return new Matrix(result);
    }

    private static Expr Unwrap(Expr e)
    {
        while (e is ParenExpr p) e = p.Inner;
        return e;
    }
}
