using System.Buffers;
using System.Runtime.InteropServices;
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
    /// series' points step by step (both edges move only forward) and calls the function on it. A matrix
    /// selector's series are read one at a time into a pooled buffer, so only one series' raw samples are
    /// held at once.
    /// </summary>
    private Matrix EvalRangeCall(Call call, Expr[] args, int matrixArg)
    {
        var name = call.Function.Name;
        var scalarArgs = new List<Matrix>();
        for (int i = 0; i < args.Length; i++)
            if (i != matrixArg) scalarArgs.Add(Eval(args[i]));
        var calls = RangeCall.For(name, scalarArgs);
        var origin = Unwrap(args[matrixArg]);
        var result = new List<Series>();
        if (origin is MatrixSelector ms)
        {
            long range = Milliseconds(ms.Range), offset = Milliseconds(ms.Selector.Offset);
            long? at = AtTime(ms.Selector.At, ms.Selector.Timestamp);
            EvalOverSelector(ms, (metric, points) =>
            {
                var output = new PointListSink(StepCount);
                if (Slide(calls, points, range, offset, at, ref output) > 0)
                    result.Add(new Series(calls.KeepsName ? metric : LabelSets.DropMetricName(metric), output.Points!));
            });
        }
        else
        {
            var source = LoadRange(origin);
            _context.Take(source.HeldPoints);
            foreach (var series in source.Series)
            {
                _context.ThrowIfStopped();
                var output = new PointListSink(StepCount);
                if (Slide(calls, CollectionsMarshal.AsSpan(series.Points), source.RangeMs, source.OffsetMs, source.At, ref output) > 0)
                    result.Add(new Series(calls.KeepsName ? series.Metric : LabelSets.DropMetricName(series.Metric), output.Points!));
            }
            _context.Release(source.HeldPoints);
        }

        if (name == "absent_over_time") return AbsentOverTime(result, origin);
        var matrix = new Matrix(result);
        if (origin is not MatrixSelector selector || MayCollide(calls, selector)) ThrowIfDuplicateSeries(matrix);
        return matrix;
    }

    /// <summary>
    /// Whether the results of a range call over a selector may share a label set: distinct stored series stay
    /// distinct when they keep their name, or lose the one name an equality matcher gave them all.
    /// </summary>
    private static bool MayCollide(RangeCall calls, MatrixSelector selector) =>
        !calls.KeepsName && !selector.Selector.Matchers.Any(static m => m.Type == Tsdb.Storage.MatchType.Equal && m.Name == Labels.MetricName);

    /// <summary>Called with each selected series' samples that some step's window covers.</summary>
    private delegate void SeriesSamples(Labels metric, ReadOnlySpan<Point> points);

    /// <summary>
    /// Reads each selected series once, only the samples some step's window covers (seeking over the gaps
    /// when the range is shorter than the step), and hands them on; they are held (counted against the
    /// sample limit) until every series is done.
    /// </summary>
    private void EvalOverSelector(MatrixSelector ms, SeriesSamples each)
    {
        var vs = ms.Selector;
        long offset = Milliseconds(vs.Offset), range = Milliseconds(ms.Range);
        long? at = AtTime(vs.At, vs.Timestamp);
        long firstRef = ReferenceTime(Start, at, offset), lastRef = ReferenceTime(End, at, offset);
        int held = 0;
        var buffer = ArrayPool<Point>.Shared.Rent(512);
        try
        {
            using var querier = _storage.Querier(firstRef - range, lastRef);
            var set = querier.Select([.. vs.Matchers]);
            ISampleIterator? it = null;
            while (set.MoveNext())
            {
                _context.ThrowIfStopped();
                it = set.Current.Iterator(reuse: it);
                int count = ReadWindows(it, range, at, offset, ref buffer);
                if (count == 0) continue;
                _context.Take(count);
                held += count;
                each(set.Current.Labels, buffer.AsSpan(0, count));
            }
        }
        finally
        {
            ArrayPool<Point>.Shared.Return(buffer);
        }
        _context.Release(held);
    }

    /// <summary>
    /// The range call an aggregation can consume series by series, without building its matrix: a range
    /// function other than absent_over_time straight over a matrix selector.
    /// </summary>
    private RangeCall? FusableRangeCall(Call call)
    {
        if (call.Function.Name is "absent_over_time" or "timestamp") return null;
        int matrixArg = -1;
        for (int i = 0; i < call.Args.Count && matrixArg < 0; i++)
            if (Unwrap(call.Args[i]).Type == ExprType.Matrix) matrixArg = i;
        if (matrixArg < 0 || Unwrap(call.Args[matrixArg]) is not MatrixSelector) return null;
        var scalarArgs = new List<Matrix>();
        for (int i = 0; i < call.Args.Count; i++)
            if (i != matrixArg) scalarArgs.Add(Eval(Unwrap(call.Args[i])));
        return RangeCall.For(call.Function.Name, scalarArgs);
    }

    /// <summary>
    /// An accumulating aggregation of a range function over a selector, series by series: each series' step
    /// values go straight from the sliding window into its group's slots, as they would from the range
    /// function's matrix (same series order, same sample accounting, same duplicate check), without that
    /// matrix or even one series' points being built. A series that yields nothing may leave an empty group,
    /// which yields nothing either.
    /// </summary>
    private Matrix EvalAggregateOverRangeCall(AggregationOp op, Call call, RangeCall calls, GroupKeys keys)
    {
        var ms = (MatrixSelector)call.Args.Select(Unwrap).First(a => a.Type == ExprType.Matrix);
        long range = Milliseconds(ms.Range), offset = Milliseconds(ms.Selector.Offset);
        long? at = AtTime(ms.Selector.At, ms.Selector.Timestamp);
        var groups = new StepGroups(op, Start, Interval, StepCount);
        var metrics = MayCollide(calls, ms) ? new HashSet<Labels>() : null;
        // The name is dropped only where it can matter: for the duplicate check, or a key grouping by it.
        bool dropName = !calls.KeepsName && (metrics is not null || !keys.IgnoresName);
        int produced = 0;
        EvalOverSelector(ms, (metric, points) =>
        {
            var labels = dropName ? LabelSets.DropMetricName(metric) : metric;
            var slots = groups.Slots(groups.GroupOf(keys.Of(labels)));
            int count = Slide(calls, points, range, offset, at, ref slots);
            if (count == 0) return;
            produced += count;
            if (metrics is not null && !metrics.Add(labels)) throw DuplicateLabelset();
        });
        var result = groups.ToSeries(_context.Take);
        _context.Release(produced);
        return new Matrix(result);
    }

    /// <summary>
    /// The samples (staleness markers left out) in the union of all steps' windows, in time order, into
    /// <paramref name="buffer"/> (grown from the pool as needed); returns how many.
    /// </summary>
    private int ReadWindows(ISampleIterator it, long range, long? at, long offset, ref Point[] buffer)
    {
        // Windows at least a step long touch or overlap: their union is one span, read without seeking.
        if (at is null && range >= Interval)
            return ReadUpTo(it, ReferenceTime(Start + (End - Start) / Interval * Interval, at, offset), ref buffer);
        int count = 0;
        bool more = true, started = false;
        long ts = Start;
        for (; ts <= End && more; ts += Interval)
        {
            long reference = ReferenceTime(ts, at, offset);
            long from = reference - range;
            if (!started || it.Timestamp < from)
            {
                more = it.Seek(from);
                started = true;
            }
            while (more && it.Timestamp <= reference)
            {
                double v = it.Value;
                if (!StaleNaN.Is(v))
                {
                    if (count == buffer.Length) Grow(ref buffer);
                    buffer[count++] = new Point(it.Timestamp, v);
                }
                more = it.Next();
            }
            // An @ modifier pins every step to one window.
            if (at is not null) break;
        }
        return count;
    }

    /// <summary>
    /// The iterator's samples up to <paramref name="maxT"/> (staleness markers left out), decoded in batches
    /// straight into <paramref name="buffer"/>; returns how many.
    /// </summary>
    private static int ReadUpTo(ISampleIterator it, long maxT, ref Point[] buffer)
    {
        const int BatchSize = 128;
        int count = 0;
        while (true)
        {
            if (buffer.Length - count < BatchSize) Grow(ref buffer);
            var batch = buffer.AsSpan(count, BatchSize);
            int read = it.NextBatch(batch);
            var kept = batch[..read];
            // Samples come in time order: only the last batch read can reach past maxT.
            bool past = read > 0 && kept[^1].T > maxT;
            if (past)
            {
                int within = 0;
                while (kept[within].T <= maxT) within++;
                kept = kept[..within];
            }
            count += StaleNaN.Drop(kept);
            if (past || read < BatchSize) return count;
        }
    }

    private static void Grow(ref Point[] buffer)
    {
        var larger = ArrayPool<Point>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan().CopyTo(larger);
        ArrayPool<Point>.Shared.Return(buffer);
        buffer = larger;
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
