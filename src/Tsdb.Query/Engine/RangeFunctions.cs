using System.Runtime.CompilerServices;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>Computes a range function's value for one window; false when it has none there.</summary>
internal delegate bool RangeFunction(in RangeWindow window, out double value);

/// <summary>The functions of a range vector, with Prometheus's arithmetic.</summary>
internal static class RangeFunctions
{
    /// <summary>Which of rate, increase and delta <paramref name="name"/> is, or null for another function.</summary>
    public static Extrapolation? ExtrapolationOf(string name) => name switch
    {
        "rate" => new Extrapolation(IsCounter: true, IsRate: true),
        "increase" => new Extrapolation(IsCounter: true, IsRate: false),
        "delta" => new Extrapolation(IsCounter: false, IsRate: false),
        _ => null,
    };

    /// <summary>The functions other than rate, increase and delta (see <see cref="ExtrapolatedRate"/>), by name.</summary>
    public static RangeFunction Get(string name) => name switch
    {
        "irate" => static (in RangeWindow w, out double v) => InstantValue(w, isRate: true, out v),
        "idelta" => static (in RangeWindow w, out double v) => InstantValue(w, isRate: false, out v),
        "deriv" => Deriv,
        "predict_linear" => PredictLinear,
        "holt_winters" => HoltWinters,
        "changes" => Changes,
        "resets" => Resets,
        "avg_over_time" => AvgOverTime,
        "sum_over_time" => SumOverTime,
        "count_over_time" => static (in RangeWindow w, out double v) => Value(w.Points.Length, out v),
        "min_over_time" => MinOverTime,
        "max_over_time" => MaxOverTime,
        "last_over_time" => static (in RangeWindow w, out double v) => Value(w.Points[^1].F, out v),
        "present_over_time" or "absent_over_time" => static (in RangeWindow _, out double v) => Value(1, out v),
        "quantile_over_time" => QuantileOverTime,
        "stddev_over_time" => static (in RangeWindow w, out double v) => Value(Math.Sqrt(Variance(w.Points)), out v),
        "stdvar_over_time" => static (in RangeWindow w, out double v) => Value(Variance(w.Points), out v),
        _ => throw new QueryException(QueryErrorType.BadData, $"function \"{name}\" is not supported on range vectors"),
    };

    private static bool Value(double result, out double value)
    {
        value = result;
        return true;
    }

    /// <summary>
    /// rate/increase/delta over one window of points: the change over the window, extrapolated towards the
    /// window's edges by up to half the average sample spacing (fully when the gap is below 1.1 spacings), never
    /// past a counter's zero. The evaluator slides it over a series itself, without a window object and a
    /// delegate call per step; <paramref name="mayHaveDrops"/> false skips the scan for counter resets, and
    /// <paramref name="factors"/> carries the last extrapolation factor from window to window.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ExtrapolatedRate(ReadOnlySpan<Point> pts, bool mayHaveDrops, long rangeStart, long rangeEnd, double rangeSeconds,
        Extrapolation kind, ref ExtrapolationFactors factors, out double value)
    {
        bool isCounter = kind.IsCounter;
        value = 0;
        if (pts.Length < 2) return false;
        var first = pts[0];
        var last = pts[^1];
        double result = last.F - first.F;
        if (isCounter && mayHaveDrops)
        {
            double previous = first.F;
            for (int i = 1; i < pts.Length; i++)
            {
                double current = pts[i].F;
                if (current < previous) result += previous;
                previous = current;
            }
        }
        long toStartMs = first.T - rangeStart, toEndMs = rangeEnd - last.T, sampledMs = last.T - first.T;
        bool zeroMayBind = isCounter && result > 0 && first.F >= 0;
        if (factors.TryGet(toStartMs, toEndMs, sampledMs, pts.Length, zeroMayBind, first.F, result, out double known))
        {
            value = result * known;
            return true;
        }
        double durationToStart = toStartMs / 1000.0;
        double durationToEnd = toEndMs / 1000.0;
        double sampledInterval = sampledMs / 1000.0;
        double averageSpacing = sampledInterval / (pts.Length - 1);
        bool zeroBound = false;
        if (zeroMayBind)
        {
            double durationToZero = sampledInterval * (first.F / result);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
                zeroBound = true;
            }
        }
        double factor = Factor(durationToStart, durationToEnd, sampledInterval, averageSpacing, kind, rangeSeconds);
        if (!zeroBound) factors.Store(toStartMs, toEndMs, sampledMs, pts.Length, factor, durationToStart, sampledInterval);
        value = result * factor;
        return true;
    }

    /// <summary>
    /// What rate, increase or delta multiplies a window's change by: the sampled span extended towards each edge
    /// (fully when the gap is below 1.1 average spacings, else by half a spacing), relative to the span, and
    /// divided by the range for a rate. One factor, then one multiplication: Prometheus's order, so the last bit
    /// agrees ((r * f) / range and r * (f / range) can differ by an ulp).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Factor(double durationToStart, double durationToEnd, double sampledInterval, double averageSpacing,
        Extrapolation kind, double rangeSeconds)
    {
        double threshold = averageSpacing * 1.1;
        double extrapolateTo = sampledInterval;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageSpacing / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageSpacing / 2;
        double factor = extrapolateTo / sampledInterval;
        if (kind.IsRate) factor /= rangeSeconds;
        return factor;
    }

    /// <summary>irate/idelta: from the last two samples only.</summary>
    private static bool InstantValue(in RangeWindow w, bool isRate, out double value)
    {
        value = 0;
        var pts = w.Points;
        if (pts.Length < 2) return false;
        var last = pts[^1];
        var previous = pts[^2];
        double result = isRate && last.F < previous.F ? last.F : last.F - previous.F;
        long interval = last.T - previous.T;
        if (interval == 0) return false;
        if (isRate) result /= interval / 1000.0;
        value = result;
        return true;
    }

    private static bool Deriv(in RangeWindow w, out double value)
    {
        value = 0;
        if (w.Points.Length < 2) return false;
        // Times relative to the first sample keep the regression numerically stable.
        (value, _) = LinearRegression(w.Points, w.Points[0].T);
        return true;
    }

    private static bool PredictLinear(in RangeWindow w, out double value)
    {
        value = 0;
        if (w.Points.Length < 2) return false;
        var (slope, intercept) = LinearRegression(w.Points, w.Ts);
        value = slope * w.Parameters[0] + intercept;
        return true;
    }

    /// <summary>Least squares over (seconds since <paramref name="interceptTime"/>, value), with compensated sums.</summary>
    private static (double Slope, double Intercept) LinearRegression(ReadOnlySpan<Point> pts, long interceptTime)
    {
        double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
        double initY = pts[0].F;
        bool constY = true;
        for (int i = 0; i < pts.Length; i++)
        {
            var p = pts[i];
            if (constY && i > 0 && p.F != initY) constY = false;
            n += 1;
            double x = (p.T - interceptTime) / 1e3;
            (sumX, cX) = GoMath.KahanSumInc(x, sumX, cX);
            (sumY, cY) = GoMath.KahanSumInc(p.F, sumY, cY);
            (sumXY, cXY) = GoMath.KahanSumInc(x * p.F, sumXY, cXY);
            (sumX2, cX2) = GoMath.KahanSumInc(x * x, sumX2, cX2);
        }
        if (constY)
            return double.IsInfinity(initY) ? (double.NaN, double.NaN) : (0, initY);
        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        return (slope, sumY / n - slope * sumX / n);
    }

    /// <summary>Double exponential smoothing with smoothing factor sf and trend factor tf, both in (0, 1).</summary>
    private static bool HoltWinters(in RangeWindow w, out double value)
    {
        value = 0;
        double sf = w.Parameters[0], tf = w.Parameters[1];
        if (sf <= 0 || sf >= 1)
            throw new QueryException(QueryErrorType.Execution, $"invalid smoothing factor. Expected: 0 < sf < 1, got: {sf.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}");
        if (tf <= 0 || tf >= 1)
            throw new QueryException(QueryErrorType.Execution, $"invalid trend factor. Expected: 0 < tf < 1, got: {tf.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}");
        var pts = w.Points;
        if (pts.Length < 2) return false;
        double s0 = 0, s1 = pts[0].F, b = pts[1].F - pts[0].F;
        for (int i = 1; i < pts.Length; i++)
        {
            double x = sf * pts[i].F;
            if (i > 1) b = tf * (s1 - s0) + (1 - tf) * b;
            double y = (1 - sf) * (s1 + b);
            (s0, s1) = (s1, x + y);
        }
        value = s1;
        return true;
    }

    private static bool Changes(in RangeWindow w, out double value)
    {
        var pts = w.Points;
        int changes = 0;
        double previous = pts[0].F;
        for (int i = 1; i < pts.Length; i++)
        {
            double current = pts[i].F;
            if (current != previous && !(double.IsNaN(current) && double.IsNaN(previous))) changes++;
            previous = current;
        }
        value = changes;
        return true;
    }

    private static bool Resets(in RangeWindow w, out double value)
    {
        var pts = w.Points;
        int resets = 0;
        for (int i = 1; i < pts.Length; i++)
            if (pts[i].F < pts[i - 1].F) resets++;
        value = resets;
        return true;
    }

    private static bool SumOverTime(in RangeWindow w, out double value)
    {
        double sum = 0, c = 0;
        foreach (var p in w.Points) (sum, c) = GoMath.KahanSumInc(p.F, sum, c);
        value = double.IsInfinity(sum) ? sum : sum + c;
        return true;
    }

    /// <summary>An incremental mean (no overflow for large values) that lets an infinite mean stand.</summary>
    private static bool AvgOverTime(in RangeWindow w, out double value)
    {
        double mean = 0, count = 0, c = 0;
        foreach (var p in w.Points)
        {
            count++;
            if (double.IsInfinity(mean))
            {
                if (double.IsInfinity(p.F) && (mean > 0) == (p.F > 0)) continue;
                if (!double.IsInfinity(p.F) && !double.IsNaN(p.F)) continue;
            }
            (mean, c) = GoMath.KahanSumInc(p.F / count - mean / count, mean, c);
        }
        value = double.IsInfinity(mean) ? mean : mean + c;
        return true;
    }

    private static bool MinOverTime(in RangeWindow w, out double value)
    {
        double min = w.Points[0].F;
        foreach (var p in w.Points)
            if (p.F < min || double.IsNaN(min)) min = p.F;
        value = min;
        return true;
    }

    private static bool MaxOverTime(in RangeWindow w, out double value)
    {
        double max = w.Points[0].F;
        foreach (var p in w.Points)
            if (p.F > max || double.IsNaN(max)) max = p.F;
        value = max;
        return true;
    }

    private static bool QuantileOverTime(in RangeWindow w, out double value)
    {
        var values = new List<double>(w.Points.Length);
        foreach (var p in w.Points) values.Add(p.F);
        value = Quantiles.Of(w.Parameters[0], values);
        return true;
    }

    /// <summary>Population variance by Welford's method with compensated sums.</summary>
    private static double Variance(ReadOnlySpan<Point> pts)
    {
        double count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
        foreach (var p in pts)
        {
            count++;
            double delta = p.F - (mean + cMean);
            (mean, cMean) = GoMath.KahanSumInc(delta / count, mean, cMean);
            (aux, cAux) = GoMath.KahanSumInc(delta * (p.F - (mean + cMean)), aux, cAux);
        }
        return (aux + cAux) / count;
    }
}
