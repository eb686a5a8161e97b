using System.Collections.Frozen;

namespace Tsdb.Query.Parsing;

/// <summary>The function table of Prometheus 2.42 (names are case-sensitive).</summary>
public static class Functions
{
    private const ExprType S = ExprType.Scalar;
    private const ExprType V = ExprType.Vector;
    private const ExprType M = ExprType.Matrix;
    private const ExprType Str = ExprType.String;

    public static FrozenDictionary<string, Function> All { get; } = Build().ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out Function function) => All.TryGetValue(name, out function!);

    private static IEnumerable<Function> Build()
    {
        // Instant-vector to instant-vector maths.
        foreach (var name in new[]
                 {
                     "abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh", "deg", "exp", "floor",
                     "histogram_count", "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sort",
                     "sort_desc", "sqrt", "tan", "tanh", "timestamp", "absent",
                 })
        {
            yield return new Function(name, [V], 0, V);
        }

        // Range-vector to instant-vector.
        foreach (var name in new[]
                 {
                     "absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv", "idelta",
                     "increase", "irate", "last_over_time", "max_over_time", "min_over_time", "present_over_time",
                     "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time",
                 })
        {
            yield return new Function(name, [M], 0, V);
        }

        // Calendar functions default to the evaluation time when called without an argument.
        foreach (var name in new[] { "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year" })
        {
            yield return new Function(name, [V], 1, V);
        }

        yield return new Function("clamp", [V, S, S], 0, V);
        yield return new Function("clamp_max", [V, S], 0, V);
        yield return new Function("clamp_min", [V, S], 0, V);
        yield return new Function("histogram_fraction", [S, S, V], 0, V);
        yield return new Function("histogram_quantile", [S, V], 0, V);
        yield return new Function("holt_winters", [M, S, S], 0, V);
        yield return new Function("label_join", [V, Str, Str, Str], -1, V);
        yield return new Function("label_replace", [V, Str, Str, Str, Str], 0, V);
        yield return new Function("pi", [], 0, S);
        yield return new Function("predict_linear", [M, S], 0, V);
        yield return new Function("quantile_over_time", [S, M], 0, V);
        yield return new Function("round", [V, S], 1, V);
        yield return new Function("scalar", [V], 0, S);
        yield return new Function("time", [], 0, S);
        yield return new Function("vector", [S], 0, V);
    }
}
