using System.Buffers;
using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

internal sealed partial class Evaluator
{
    /// <summary>
    /// An instant selector at every step: the newest sample in [ref - lookback, ref] unless it is a staleness
    /// marker. With <paramref name="sampleTimestamps"/> the value is the sample's time in seconds and the name is
    /// dropped (what <c>timestamp(selector)</c> returns). A series' points are kept in a list of their own length:
    /// a series present in part of the range, as series come and go over a dashboard's hour, holds only the steps
    /// it has.
    /// </summary>
    private Matrix EvalVectorSelector(VectorSelector vs, bool sampleTimestamps)
    {
        var result = new List<Series>();
        ReadSelectorSteps(vs, sampleTimestamps, (metric, points) =>
        {
            List<Point> kept = [.. points];
            result.Add(new Series(sampleTimestamps ? LabelSets.DropMetricName(metric) : metric, kept));
        });
        var m = new Matrix(result);
        if (sampleTimestamps) ThrowIfDuplicateSeries(m);
        return m;
    }

    /// <summary>
    /// Hands on each selected series that has a point at some step with those points, in selection order. Each
    /// series' iterator is walked once, forward, across all steps, into a scratch array of one point per step.
    /// The points are counted against the sample limit and stay counted, as held by the caller; returns how many.
    /// </summary>
    private int ReadSelectorSteps(VectorSelector vs, bool sampleTimestamps, SeriesSamples each)
    {
        long offset = Milliseconds(vs.Offset);
        long? at = AtTime(vs.At, vs.Timestamp);
        long firstRef = ReferenceTime(Start, at, offset), lastRef = ReferenceTime(End, at, offset);
        int held = 0;
        using var querier = _storage.Querier(firstRef - _lookback, lastRef);
        var set = querier.Select([.. vs.Matchers]);
        ISampleIterator? it = null;
        var scratch = ArrayPool<Point>.Shared.Rent(StepCount);
        try
        {
            while (set.MoveNext())
            {
                _context.ThrowIfStopped();
                it = set.Current.Iterator(reuse: it);
                int count = ReadSteps(it, at, offset, sampleTimestamps, scratch);
                if (count == 0) continue;
                held += count;
                each(set.Current.Labels, scratch.AsSpan(0, count));
            }
        }
        finally
        {
            ArrayPool<Point>.Shared.Return(scratch);
        }
        return held;
    }

    /// <summary>An instant selector's point at every step that has one, for one series, into <paramref name="points"/>; returns how many.</summary>
    private int ReadSteps(ISampleIterator it, long? at, long offset, bool sampleTimestamps, Point[] points)
    {
        bool more = true, started = false;
        bool hasPrevious = false;
        long previousT = 0;
        double previousV = 0;
        int count = 0;
        for (long ts = Start; ts <= End; ts += Interval)
        {
            long reference = ReferenceTime(ts, at, offset);
            // Samples older than the lookback window can never be chosen: seek over them.
            if (more && (!started || it.Timestamp < reference - _lookback))
            {
                more = it.Seek(reference - _lookback);
                started = true;
                hasPrevious = false;
            }
            while (more && it.Timestamp <= reference)
            {
                hasPrevious = true;
                previousT = it.Timestamp;
                previousV = it.Value;
                more = it.Next();
            }
            if (!hasPrevious || previousT < reference - _lookback || StaleNaN.Is(previousV)) continue;
            points[count++] = new Point(ts, sampleTimestamps ? previousT / 1000.0 : previousV);
            _context.Take(1);
        }
        return count;
    }

    /// <summary>
    /// Where a range function reads from: the series with all their points over the whole evaluation
    /// (raw samples without staleness markers for a matrix selector, step results for a subquery),
    /// and how each step's window is placed.
    /// </summary>
    private sealed record RangeSource(List<Series> Series, long RangeMs, long OffsetMs, long? At, Expr Origin, int HeldPoints);

    private RangeSource LoadRange(Expr expr) => expr switch
    {
        ParenExpr p => LoadRange(p.Inner),
        MatrixSelector ms => LoadMatrixSelector(ms),
        SubqueryExpr sq => LoadSubquery(sq),
        _ => throw new QueryException(QueryErrorType.Execution, $"expected a range vector, got {expr}"),
    };

    private RangeSource LoadMatrixSelector(MatrixSelector ms)
    {
        var vs = ms.Selector;
        long offset = Milliseconds(vs.Offset), range = Milliseconds(ms.Range);
        long? at = AtTime(vs.At, vs.Timestamp);
        long firstRef = ReferenceTime(Start, at, offset), lastRef = ReferenceTime(End, at, offset);
        var result = new List<Series>();
        int held = 0;
        using var querier = _storage.Querier(firstRef - range, lastRef);
        var set = querier.Select([.. vs.Matchers]);
        ISampleIterator? it = null;
        while (set.MoveNext())
        {
            _context.ThrowIfStopped();
            it = set.Current.Iterator(reuse: it);
            var points = new List<Point>();
            while (it.Next())
            {
                var v = it.Value;
                if (!StaleNaN.Is(v)) points.Add(new Point(it.Timestamp, v));
            }
            if (points.Count == 0) continue;
            result.Add(new Series(set.Current.Labels, points));
            held += points.Count;
        }
        return new RangeSource(result, range, offset, at, ms, held);
    }

    private RangeSource LoadSubquery(SubqueryExpr sq)
    {
        var m = EvalSubquery(sq);
        return new RangeSource(m.Series, Milliseconds(sq.Range), Milliseconds(sq.Offset), AtTime(sq.At, sq.Timestamp), sq, m.TotalPoints());
    }

    /// <summary>
    /// Evaluates a subquery's inner expression at its own steps: multiples of the step in absolute time,
    /// from the first one at or after (first reference time - range) to the last reference time.
    /// </summary>
    private Matrix EvalSubquery(SubqueryExpr sq)
    {
        long offset = Milliseconds(sq.Offset), range = Milliseconds(sq.Range);
        long step = sq.Step > TimeSpan.Zero ? Milliseconds(sq.Step) : Milliseconds(_context.Options.DefaultEvaluationInterval);
        long? at = AtTime(sq.At, sq.Timestamp);
        long firstRef = ReferenceTime(Start, at, offset), lastRef = ReferenceTime(End, at, offset);
        long from = firstRef - range;
        long start = step * (from / step);
        if (start < from) start += step;
        if (start > lastRef) return new Matrix([]);
        var inner = new Evaluator(_storage, _context, start, lastRef, step);
        return inner.Eval(sq.Inner);
    }

    /// <summary>A range vector at one time, for an instant query whose result is a range vector.</summary>
    public Matrix EvalRangeVectorAt(Expr expr)
    {
        var source = LoadRange(expr);
        if (source.Origin is SubqueryExpr) return new Matrix(source.Series);
        long reference = ReferenceTime(Start, source.At, source.OffsetMs);
        long from = reference - source.RangeMs;
        var result = new List<Series>();
        foreach (var s in source.Series)
        {
            var window = new List<Point>();
            foreach (var p in s.Points)
                if (p.T >= from && p.T <= reference) window.Add(p);
            if (window.Count == 0) continue;
            _context.Take(window.Count);
            result.Add(new Series(s.Metric, window));
        }
        return new Matrix(result);
    }
}
