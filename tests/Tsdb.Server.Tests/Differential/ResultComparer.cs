namespace Tsdb.Server.Tests.Differential;

/// <summary>
/// Compares a normalised answer of Prometheus with ours: same success or error type, same result type, same
/// series, same timestamps, and values shown identically (the JSON strings, so bit for bit). Only queries named
/// in <see cref="ToleratedQueries"/> may differ in value, within a relative 1e-9 (NaN equals NaN, infinities
/// exactly). Series order matters only when asked (sorting functions), as in Prometheus's own test scripts.
/// </summary>
internal static class ResultComparer
{
    private const double RelativeTolerance = 1e-9;
    private const double AbsoluteTolerance = 1e-12;

    /// <summary>
    /// Query templates whose values may differ in the last bits, with the reason exact agreement is out of reach.
    /// </summary>
    private const string MathLibraryReason =
        "Go's math package computes exp, log (amd64 assembly) and the trigonometric and hyperbolic functions "
        + "with its own algorithms, which are not correctly rounded; .NET calls the platform's libm, so some "
        + "inputs differ by an ulp. Exact agreement would need a port of Go's math package.";

    private const string PowReason =
        "Go's math.Pow is its own algorithm (frexp, repeated squaring, Exp and Log); .NET's Math.Pow is the "
        + "platform's libm pow, correctly rounded where Go's is not.";

    public static readonly IReadOnlyDictionary<string, string> ToleratedQueries = new Dictionary<string, string>
    {
        ["ln(queue_depth)"] = MathLibraryReason,
        ["sin(ratio)"] = MathLibraryReason,
        ["exp(node_temperature_celsius)"] = MathLibraryReason,
        ["log10(node_memory_bytes)"] = MathLibraryReason,
        ["tanh(ratio)"] = MathLibraryReason,
        ["log2(node_memory_bytes)"] = MathLibraryReason,
        ["asin(queue_depth)"] = MathLibraryReason,
        ["sin(special_values)"] = MathLibraryReason,
        ["acos(ratio)"] = MathLibraryReason,
        ["atan(ratio)"] = MathLibraryReason,
        ["tan(ratio)"] = MathLibraryReason,
        ["asin(ratio)"] = MathLibraryReason,
        ["log2(queue_depth)"] = MathLibraryReason,
        ["sinh(ratio)"] = MathLibraryReason,
        ["cos(ratio)"] = MathLibraryReason,
        ["log10(special_values)"] = MathLibraryReason,
        ["http_requests_total{method=\"get\"} ^ ignoring(method, code) (http_requests_total{method=\"post\"} / 1e4)"] = PowReason,
    };

    /// <summary>Null when the answers agree, else the first difference found.</summary>
    public static string? Difference(NormalizedResult expected, NormalizedResult actual, bool ordered, bool tolerant = false)
    {
        if (expected.Failed || actual.Failed)
        {
            if (expected.ErrorType == actual.ErrorType) return null;
            return expected.Failed
                ? actual.Failed ? $"error type {expected.ErrorType} expected, got {actual.ErrorType}" : "an error expected, got a result"
                : "a result expected, got an error";
        }
        if (expected.ResultType != actual.ResultType) return $"result type {expected.ResultType} expected, got {actual.ResultType}";
        if (expected.Series.Count != actual.Series.Count) return $"{expected.Series.Count} series expected, got {actual.Series.Count}";

        var left = ordered ? expected.Series : [.. expected.Series.OrderBy(s => s.Metric, StringComparer.Ordinal)];
        var right = ordered ? actual.Series : [.. actual.Series.OrderBy(s => s.Metric, StringComparer.Ordinal)];
        for (int i = 0; i < left.Count; i++)
        {
            var (e, a) = (left[i], right[i]);
            if (e.Metric != a.Metric) return $"series #{i}: {e.Metric} expected, got {a.Metric}";
            if (e.Points.Count != a.Points.Count)
                return $"{e.Metric}: {e.Points.Count} points expected, got {a.Points.Count}; {TimesOnlyIn(e, a)}";
            for (int j = 0; j < e.Points.Count; j++)
            {
                var (ep, ap) = (e.Points[j], a.Points[j]);
                if (ep.T != ap.T) return $"{e.Metric} point #{j}: time {ep.T} expected, got {ap.T}";
                if (ep.Text != ap.Text) return $"{e.Metric}: string \"{ep.Text}\" expected, got \"{ap.Text}\"";
                if (ep.Text is null && ep.Shown != ap.Shown && !(tolerant && Close(ep.F, ap.F)))
                    return $"{e.Metric} at {ep.T}: {ep.Shown} expected, got {ap.Shown}";
            }
        }
        return null;
    }

    private static string TimesOnlyIn(NormalizedSeries expected, NormalizedSeries actual)
    {
        var e = expected.Points.Select(p => p.T).ToHashSet();
        var a = actual.Points.Select(p => p.T).ToHashSet();
        return $"only expected at [{string.Join(", ", e.Except(a).Take(10))}], only ours at [{string.Join(", ", a.Except(e).Take(10))}]";
    }

    private static bool Close(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual)) return expected == actual;
        double difference = Math.Abs(expected - actual);
        return difference <= AbsoluteTolerance || difference <= RelativeTolerance * Math.Max(Math.Abs(expected), Math.Abs(actual));
    }
}
