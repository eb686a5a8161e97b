namespace Tsdb.Query.Engine;

/// <summary>Go's math functions where .NET's differ in special cases.</summary>
internal static class GoMath
{
    /// <summary>Go's math.Max: +Inf wins over NaN, otherwise NaN wins.</summary>
    public static double Max(double x, double y)
    {
        if (double.IsPositiveInfinity(x) || double.IsPositiveInfinity(y)) return double.PositiveInfinity;
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        if (x == 0 && x == y) return double.IsNegative(x) ? y : x;
        return x > y ? x : y;
    }

    /// <summary>Go's math.Min: -Inf wins over NaN, otherwise NaN wins.</summary>
    public static double Min(double x, double y)
    {
        if (double.IsNegativeInfinity(x) || double.IsNegativeInfinity(y)) return double.NegativeInfinity;
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        if (x == 0 && x == y) return double.IsNegative(x) ? x : y;
        return x < y ? x : y;
    }

    /// <summary>Go's math.Mod: the result has the sign of x (as C#'s %), with Go's special cases.</summary>
    public static double Mod(double x, double y)
    {
        if (y == 0 || double.IsInfinity(x) || double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        return x % y;
    }

    /// <summary>Go's math.Pow; .NET's Math.Pow already follows the same IEEE special cases.</summary>
    public static double Pow(double x, double y) => Math.Pow(x, y);

    /// <summary>What Go's int64(f) yields on amd64: the truncated value, or MinInt64 when it does not fit.</summary>
    public static long ToInt64(double f)
    {
        if (double.IsNaN(f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0) return long.MinValue;
        return (long)f;
    }

    /// <summary>
    /// Go's time.Duration.Seconds() for a duration of whole milliseconds: whole seconds plus the remainder's
    /// nanoseconds / 1e9, which can differ by an ulp from dividing the milliseconds by 1000.
    /// </summary>
    public static double DurationSeconds(long milliseconds)
    {
        long seconds = Math.DivRem(milliseconds, 1000, out long remainder);
        return seconds + remainder * 1_000_000 / 1e9;
    }

    /// <summary>Neumaier's compensated summation step: returns the new sum and compensation.</summary>
    public static (double Sum, double C) KahanSumInc(double inc, double sum, double c)
    {
        var t = sum + inc;
        if (Math.Abs(sum) >= Math.Abs(inc)) c += (sum - t) + inc;
        else c += (inc - t) + sum;
        return (t, c);
    }
}
