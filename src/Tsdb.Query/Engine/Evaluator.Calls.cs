using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

internal sealed partial class Evaluator
{
    private Matrix EvalCall(Call call)
    {
        var args = new Expr[call.Args.Count];
        int matrixArg = -1;
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Unwrap(call.Args[i]);
            if (args[i].Type == ExprType.Matrix && matrixArg < 0) matrixArg = i;
        }

        // timestamp() of a selector reports the samples' own times, not the evaluation times.
        if (call.Function.Name == "timestamp" && args[0] is VectorSelector vs)
            return EvalVectorSelector(vs, sampleTimestamps: true);

        if (matrixArg >= 0) return EvalRangeCall(call, args, matrixArg);

        var function = InstantFunctions.Create(call.Function.Name, args);
        return RangeEval((v, ts, output) => function(v, ts, output), args);
    }

    /// <summary>
    /// A function of a range vector: for each series, slides the window [ref - range, ref] over the
    /// series' points step by step (both edges move only forward) and calls the function on it.
    /// </summary>
    private Matrix EvalRangeCall(Call call, Expr[] args, int matrixArg)
    {
        var name = call.Function.Name;
        var function = RangeFunctions.Get(name);
        var scalarArgs = new List<Matrix>();
        for (int i = 0; i < args.Length; i++)
            if (i != matrixArg) scalarArgs.Add(Eval(args[i]));
        var source = LoadRange(args[matrixArg]);
        _context.Take(source.HeldPoints);

        bool keepName = name == "last_over_time";
        int steps = StepCount;
        var parameters = new double[scalarArgs.Count];
        var result = new List<Series>();
        foreach (var series in source.Series)
        {
            _context.ThrowIfStopped();
            var points = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(series.Points);
            List<Point>? output = null;
            int lo = 0, hi = 0, step = 0;
            for (long ts = Start; ts <= End; ts += Interval, step++)
            {
                long reference = ReferenceTime(ts, source.At, source.OffsetMs);
                long from = reference - source.RangeMs;
                while (hi < points.Length && points[hi].T <= reference) hi++;
                while (lo < hi && points[lo].T < from) lo++;
                if (hi == lo) continue;
                for (int j = 0; j < parameters.Length; j++) parameters[j] = scalarArgs[j].Series[0].Points[step].F;
                var window = new RangeWindow(points[lo..hi], ts, from, reference, source.RangeMs, parameters);
                if (!function(in window, out double value)) continue;
                output ??= new List<Point>(steps);
                output.Add(new Point(ts, value));
            }
            if (output is null) continue;
            _context.Take(output.Count);
            result.Add(new Series(keepName ? series.Metric : LabelSets.DropMetricName(series.Metric), output));
        }
        _context.Release(source.HeldPoints);

        if (name == "absent_over_time") return AbsentOverTime(result, source.Origin);
        var matrix = new Matrix(result);
        ThrowIfDuplicateSeries(matrix);
        return matrix;
    }

    /// <summary>One series at the steps where none of the input series had a sample in its window.</summary>
    private Matrix AbsentOverTime(List<Series> present, Expr origin)
    {
        var found = new HashSet<long>();
        foreach (var s in present)
            foreach (var p in s.Points)
                found.Add(p.T);
        var points = new List<Point>();
        for (long ts = Start; ts <= End; ts += Interval)
            if (!found.Contains(ts)) points.Add(new Point(ts, 1));
        if (points.Count == 0) return new Matrix([]);
        return new Matrix([new Series(InstantFunctions.AbsentLabels(origin), points)]);
    }
}
