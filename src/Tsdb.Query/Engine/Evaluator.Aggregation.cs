using System.Runtime.InteropServices;
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
        if (valueLabel is null && GroupAccumulator.Handles(e.Op))
        {
            // Series by series: each label set is seen once.
            var keysOfSeries = new GroupKeys(grouping, e.Without, labelSetsRecur: false);
            return Unwrap(e.Inner) switch
            {
                Call call when FusableRangeCall(call) is { } range => EvalAggregateOverRangeCall(e.Op, call, range, keysOfSeries),
                VectorSelector selector => EvalAggregateOverSelector(e.Op, selector, keysOfSeries),
                _ => EvalAccumulatedAggregate(e.Op, Eval(e.Inner), keysOfSeries.Of),
            };
        }

        // Step by step, the same label sets come back at every step, except count_values's, new for every sample.
        Func<Labels, Labels> groupOf = new GroupKeys(grouping, e.Without, labelSetsRecur: valueLabel is null).Of;
        var scalarParameter = parameter is not null && parameter.Type == ExprType.Scalar ? e.Parameter : null;
        return RangeEval((v, ts, output) =>
        {
            double param = scalarParameter is null ? 0 : v[0][0].F;
            Aggregations.Aggregate(e.Op, param, valueLabel, v[1], ts, groupOf, output);
        }, scalarParameter, e.Inner);
    }

    /// <summary>
    /// An aggregation that keeps one number per group, over the inner matrix one series at a time: each
    /// series' group is found once and its points accumulate into that group's per-step slots.
    /// </summary>
    private Matrix EvalAccumulatedAggregate(AggregationOp op, Matrix inner, Func<Labels, Labels> groupOf)
    {
        var groups = new StepGroups(op, Start, Interval, StepCount);
        foreach (var series in inner.Series)
        {
            _context.ThrowIfStopped();
            int g = groups.GroupOf(groupOf(series.Metric));
            groups.AddSeries(g, CollectionsMarshal.AsSpan(series.Points));
        }
        var result = groups.ToSeries(_context.Take);
        _context.Release(inner.TotalPoints());
        return new Matrix(result);
    }

    /// <summary>
    /// An accumulating aggregation of an instant selector, series by series: each series' step points go
    /// straight into its group's slots, as they would from the selector's matrix (same series order, same sample
    /// accounting), without that matrix being built. <c>count(metric)</c> over a dashboard's hour and tens of
    /// thousands of series allocated 400 bytes a series for points it read once.
    /// </summary>
    private Matrix EvalAggregateOverSelector(AggregationOp op, VectorSelector selector, GroupKeys keys)
    {
        var groups = new StepGroups(op, Start, Interval, StepCount);
        int held = ReadSelectorSteps(selector, sampleTimestamps: false,
            (metric, points) => groups.AddSeries(groups.GroupOf(keys.Of(metric)), points));
        var result = groups.ToSeries(_context.Take);
        _context.Release(held);
        return new Matrix(result);
    }

    private static Expr Unwrap(Expr e)
    {
        while (e is ParenExpr p) e = p.Inner;
        return e;
    }
}
