using Tsdb.Query.Parsing;
using Tsdb.Storage;
using IQueryable = Tsdb.Storage.IQueryable;

namespace Tsdb.Query.Engine;

/// <summary>
/// Evaluates an expression at every step of [Start, End] in one pass, as Prometheus does: an instant-vector
/// or scalar expression yields a <see cref="Matrix"/> whose points sit at the step times, and operators and
/// functions combine their arguments' matrices step by step.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly IQueryable _storage;
    private readonly QueryContext _context;
    private readonly long _lookback;

    public Evaluator(IQueryable storage, QueryContext context, long start, long end, long interval)
    {
        _storage = storage;
        _context = context;
        _lookback = (long)context.Options.LookbackDelta.TotalMilliseconds;
        Start = start;
        End = end;
        Interval = interval;
    }

    public long Start { get; }

    public long End { get; }

    public long Interval { get; }

    private int StepCount => (int)((End - Start) / Interval) + 1;

    /// <summary>Evaluates a scalar or instant-vector expression at every step.</summary>
    public Matrix Eval(Expr expr)
    {
        _context.ThrowIfStopped();
        switch (expr)
        {
            case ParenExpr p:
                return Eval(p.Inner);
            case NumberLiteral n:
                return RangeEval((_, ts, output) => output.Add(new Sample(Labels.Empty, ts, n.Value)));
            case UnaryExpr u:
                return EvalUnary(u);
            case VectorSelector vs:
                return EvalVectorSelector(vs, sampleTimestamps: false);
            case BinaryExpr b:
                return EvalBinary(b);
            case AggregateExpr a:
                return EvalAggregate(a);
            case Call c:
                return EvalCall(c);
            default:
                throw new QueryException(QueryErrorType.Execution,
                    $"unexpected {expr.Type.Documented()} expression {expr} where an instant vector or scalar is needed");
        }
    }

    private Matrix EvalUnary(UnaryExpr u)
    {
        var m = Eval(u.Operand);
        if (u.Op != Operator.Sub) return m;
        foreach (var s in m.Series)
        {
            s.Metric = LabelSets.DropMetricName(s.Metric);
            var pts = s.Points;
            for (int i = 0; i < pts.Count; i++) pts[i] = pts[i] with { F = -pts[i].F };
        }
        ThrowIfDuplicateSeries(m);
        return m;
    }

    /// <summary>Called at every step with each argument's vector at that step; appends its result to the output.</summary>
    private delegate void StepFunction(List<Sample>[] inputs, long ts, List<Sample> output);

    /// <summary>
    /// Evaluates the arguments (string arguments and nulls are skipped) over all steps, then calls
    /// <paramref name="function"/> step by step and gathers its outputs into series. A single-step
    /// evaluation keeps the function's output order (sort() relies on it).
    /// </summary>
    private Matrix RangeEval(StepFunction function, params Expr?[] args)
    {
        var matrices = new Matrix?[args.Length];
        var inputs = new List<Sample>[args.Length];
        var cursors = new int[args.Length][];
        int held = 0;
        for (int i = 0; i < args.Length; i++)
        {
            inputs[i] = [];
            if (args[i] is { } arg && arg.Type != ExprType.String)
            {
                var m = Eval(arg);
                matrices[i] = m;
                cursors[i] = new int[m.Series.Count];
                // A step's vector has at most one sample a series: sized once, it is never grown and copied.
                inputs[i].Capacity = m.Series.Count;
                held += m.TotalPoints();
            }
        }

        int steps = StepCount;
        var output = new List<Sample>();
        var bySeries = new Dictionary<Labels, Series>();
        var result = new List<Series>();
        int produced = 0;
        HashSet<Labels>? seen = null;
        for (long ts = Start; ts <= End; ts += Interval)
        {
            _context.ThrowIfStopped();
            for (int i = 0; i < args.Length; i++)
            {
                var m = matrices[i];
                if (m is null) continue;
                var input = inputs[i];
                input.Clear();
                var cursor = cursors[i];
                for (int j = 0; j < m.Series.Count; j++)
                {
                    var pts = m.Series[j].Points;
                    int c = cursor[j];
                    if (c < pts.Count && pts[c].T == ts)
                    {
                        input.Add(new Sample(m.Series[j].Metric, ts, pts[c].F));
                        cursor[j] = c + 1;
                    }
                }
            }

            output.Clear();
            function(inputs, ts, output);
            ThrowIfDuplicateSamples(output, ref seen);
            _context.Take(output.Count);
            produced += output.Count;

            foreach (var sample in output)
            {
                if (steps == 1)
                {
                    result.Add(new Series(sample.Metric, [new Point(ts, sample.F)]));
                    continue;
                }
                if (!bySeries.TryGetValue(sample.Metric, out var series))
                {
                    // A series first seen at this step has at most the steps left: one that appears late in a
                    // dashboard's range does not hold room for all of it.
                    series = new Series(sample.Metric, new List<Point>(steps - (int)((ts - Start) / Interval)));
                    bySeries.Add(sample.Metric, series);
                    result.Add(series);
                }
                series.Points.Add(new Point(ts, sample.F));
            }
        }
        _context.Release(held);
        return new Matrix(result);
    }

    /// <param name="seen">Emptied and reused from step to step, so that its table is allocated once.</param>
    private static void ThrowIfDuplicateSamples(List<Sample> vector, ref HashSet<Labels>? seen)
    {
        if (vector.Count < 2) return;
        seen ??= new HashSet<Labels>(vector.Count);
        seen.Clear();
        foreach (var s in vector)
            if (!seen.Add(s.Metric)) throw DuplicateLabelset();
    }

    private static void ThrowIfDuplicateSeries(Matrix m)
    {
        if (m.Series.Count < 2) return;
        var seen = new HashSet<Labels>();
        foreach (var s in m.Series)
            if (!seen.Add(s.Metric)) throw DuplicateLabelset();
    }

    private static QueryException DuplicateLabelset() =>
        new(QueryErrorType.Execution, "vector cannot contain metrics with the same labelset");

    /// <summary>The time a selector's <c>@</c> modifier pins, or null when it has none.</summary>
    private long? AtTime(AtModifier at, long timestamp) => at switch
    {
        AtModifier.Timestamp => timestamp,
        AtModifier.Start => _context.QueryStart,
        AtModifier.End => _context.QueryEnd,
        _ => null,
    };

    /// <summary>The time a selector reads at for evaluation time <paramref name="ts"/>: its @ time or ts, minus its offset.</summary>
    private static long ReferenceTime(long ts, long? at, long offsetMs) => (at ?? ts) - offsetMs;

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;
}
