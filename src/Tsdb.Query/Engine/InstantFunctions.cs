using System.Text.RegularExpressions;
using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>Computes a function at one step from its arguments' vectors there (scalars are one-sample vectors).</summary>
internal delegate void InstantFunction(List<Sample>[] args, long ts, List<Sample> output);

/// <summary>The functions whose arguments are instant vectors, scalars and strings.</summary>
internal static class InstantFunctions
{
    /// <summary>Builds the step function for a call; arguments that are fixed strings are checked here, once.</summary>
    public static InstantFunction Create(string name, Expr[] args) => name switch
    {
        "abs" => Simple(Math.Abs),
        "ceil" => Simple(Math.Ceiling),
        "floor" => Simple(Math.Floor),
        "exp" => Simple(Math.Exp),
        "sqrt" => Simple(Math.Sqrt),
        "ln" => Simple(Math.Log),
        "log2" => Simple(Math.Log2),
        "log10" => Simple(Math.Log10),
        "sin" => Simple(Math.Sin),
        "cos" => Simple(Math.Cos),
        "tan" => Simple(Math.Tan),
        "asin" => Simple(Math.Asin),
        "acos" => Simple(Math.Acos),
        "atan" => Simple(Math.Atan),
        "sinh" => Simple(Math.Sinh),
        "cosh" => Simple(Math.Cosh),
        "tanh" => Simple(Math.Tanh),
        "asinh" => Simple(Math.Asinh),
        "acosh" => Simple(Math.Acosh),
        "atanh" => Simple(Math.Atanh),
        "deg" => Simple(static v => v * 180 / Math.PI),
        "rad" => Simple(static v => v * Math.PI / 180),
        "sgn" => Simple(static v => v < 0 ? -1 : v > 0 ? 1 : v),
        "timestamp" => static (v, _, o) => Each(v[0], o, static s => s.T / 1000.0),
        "round" => Round,
        "clamp" => Clamp,
        "clamp_min" => static (v, _, o) => Each(v[0], o, x => GoMath.Max(v[1][0].F, x)),
        "clamp_max" => static (v, _, o) => Each(v[0], o, x => GoMath.Min(v[1][0].F, x)),
        "scalar" => static (v, ts, o) => o.Add(new Sample(Labels.Empty, ts, v[0].Count == 1 ? v[0][0].F : double.NaN)),
        "vector" => static (v, ts, o) => o.Add(new Sample(Labels.Empty, ts, v[0][0].F)),
        "time" => static (_, ts, o) => o.Add(new Sample(Labels.Empty, ts, ts / 1000.0)),
        "pi" => static (_, ts, o) => o.Add(new Sample(Labels.Empty, ts, Math.PI)),
        "minute" or "hour" or "day_of_week" or "day_of_month" or "day_of_year" or "days_in_month" or "month" or "year" =>
            DateFunction(CalendarFields.Get(name), args.Length),
        "sort" => static (v, _, o) => SortByValue(v[0], o, descending: false),
        "sort_desc" => static (v, _, o) => SortByValue(v[0], o, descending: true),
        "absent" => Absent(args[0]),
        "label_replace" => LabelReplace(args),
        "label_join" => LabelJoin(args),
        "histogram_quantile" => static (v, ts, o) => HistogramQuantile.Compute(v[0][0].F, v[1], ts, o),
        // Only native histograms have these; float samples yield nothing.
        "histogram_count" or "histogram_sum" or "histogram_fraction" => static (_, _, _) => { },
        _ => throw new QueryException(QueryErrorType.BadData, $"unknown function with name \"{name}\""),
    };

    private static InstantFunction Simple(Func<double, double> f) => (v, _, o) => Each(v[0], o, f);

    private static void Each(List<Sample> vector, List<Sample> output, Func<Sample, double> f)
    {
        foreach (var s in vector) output.Add(new Sample(LabelSets.DropMetricName(s.Metric), s.T, f(s)));
    }

    private static void Each(List<Sample> vector, List<Sample> output, Func<double, double> f)
    {
        foreach (var s in vector) output.Add(new Sample(LabelSets.DropMetricName(s.Metric), s.T, f(s.F)));
    }

    /// <summary>Rounds half up to a multiple of to_nearest (default 1), dividing by the inverse for accuracy.</summary>
    private static void Round(List<Sample>[] v, long ts, List<Sample> output)
    {
        double toNearest = v.Length > 1 ? v[1][0].F : 1;
        double inverse = 1.0 / toNearest;
        Each(v[0], output, x => Math.Floor(x * inverse + 0.5) / inverse);
    }

    private static void Clamp(List<Sample>[] v, long ts, List<Sample> output)
    {
        double min = v[1][0].F, max = v[2][0].F;
        if (max < min) return;
        Each(v[0], output, x => GoMath.Max(min, GoMath.Min(max, x)));
    }

    private static InstantFunction DateFunction(Func<long, double> field, int argCount)
    {
        if (argCount == 0)
            return (_, ts, o) => o.Add(new Sample(Labels.Empty, ts, field(Math.DivRem(ts, 1000).Quotient)));
        return (v, _, o) => Each(v[0], o, x => field(GoMath.ToInt64(x)));
    }

    /// <summary>Ascending (or descending) by value, NaN last either way; equal values keep their order.</summary>
    private static void SortByValue(List<Sample> vector, List<Sample> output, bool descending)
    {
        var sorted = new List<Sample>(vector);
        var keys = new List<(Sample Sample, int Index)>(sorted.Count);
        for (int i = 0; i < sorted.Count; i++) keys.Add((sorted[i], i));
        keys.Sort((a, b) =>
        {
            bool an = double.IsNaN(a.Sample.F), bn = double.IsNaN(b.Sample.F);
            int c = an || bn ? an.CompareTo(bn) : descending ? b.Sample.F.CompareTo(a.Sample.F) : a.Sample.F.CompareTo(b.Sample.F);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        foreach (var k in keys) output.Add(k.Sample);
    }

    private static InstantFunction Absent(Expr arg)
    {
        var labels = AbsentLabels(arg);
        return (v, ts, o) =>
        {
            if (v[0].Count == 0) o.Add(new Sample(labels, ts, 1));
        };
    }

    /// <summary>
    /// The labels absent() and absent_over_time() report: those the selector fixes with equality matchers,
    /// except names that also appear in another matcher; none for anything but a selector.
    /// </summary>
    public static Labels AbsentLabels(Expr expr)
    {
        while (expr is ParenExpr p) expr = p.Inner;
        var matchers = expr switch
        {
            VectorSelector vs => vs.Matchers,
            MatrixSelector ms => ms.Selector.Matchers,
            _ => null,
        };
        if (matchers is null) return Labels.Empty;
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        var dropped = new List<string>();
        foreach (var m in matchers)
        {
            if (m.Name == Labels.MetricName) continue;
            if (m.Type == Tsdb.Storage.MatchType.Equal && !set.ContainsKey(m.Name)) set[m.Name] = m.Value;
            else dropped.Add(m.Name);
        }
        foreach (var name in dropped) set.Remove(name);
        var labels = new List<Label>(set.Count);
        foreach (var (name, value) in set) labels.Add(new Label(name, value));
        return Labels.From(labels);
    }

    private static string StringArg(Expr e) => ((StringLiteral)e).Value;

    private static InstantFunction LabelReplace(Expr[] args)
    {
        string dst = StringArg(args[1]), replacement = StringArg(args[2]), src = StringArg(args[3]), pattern = StringArg(args[4]);
        Regex regex;
        IReadOnlyList<string?> groupNames;
        try
        {
            regex = GoRegexSyntax.CompileAnchored(pattern, Regex.InfiniteMatchTimeout, out groupNames);
        }
        catch (ArgumentException)
        {
            throw new QueryException(QueryErrorType.Execution, $"invalid regular expression in label_replace(): {pattern}");
        }
        if (!LabelSets.IsValidName(dst))
            throw new QueryException(QueryErrorType.Execution, $"invalid destination label name in label_replace(): {dst}");
        var cache = new Dictionary<Labels, Labels>(ReferenceEqualityComparer.Instance);
        return (v, _, o) =>
        {
            foreach (var s in v[0])
            {
                if (!cache.TryGetValue(s.Metric, out var metric))
                {
                    var match = regex.Match(s.Metric.Get(src));
                    metric = match.Success
                        ? LabelSets.With(s.Metric, dst, GoRegexTemplate.Expand(replacement, match, groupNames))
                        : s.Metric;
                    cache.Add(s.Metric, metric);
                }
                o.Add(s with { Metric = metric });
            }
        };
    }

    private static InstantFunction LabelJoin(Expr[] args)
    {
        string dst = StringArg(args[1]), separator = StringArg(args[2]);
        var sources = new string[args.Length - 3];
        for (int i = 3; i < args.Length; i++)
        {
            sources[i - 3] = StringArg(args[i]);
            if (!LabelSets.IsValidName(sources[i - 3]))
                throw new QueryException(QueryErrorType.Execution, $"invalid source label name in label_join(): {sources[i - 3]}");
        }
        if (!LabelSets.IsValidName(dst))
            throw new QueryException(QueryErrorType.Execution, $"invalid destination label name in label_join(): {dst}");
        var cache = new Dictionary<Labels, Labels>(ReferenceEqualityComparer.Instance);
        return (v, _, o) =>
        {
            foreach (var s in v[0])
            {
                if (!cache.TryGetValue(s.Metric, out var metric))
                {
                    var values = new string[sources.Length];
                    for (int i = 0; i < sources.Length; i++) values[i] = s.Metric.Get(sources[i]);
                    metric = LabelSets.With(s.Metric, dst, string.Join(separator, values));
                    cache.Add(s.Metric, metric);
                }
                o.Add(s with { Metric = metric });
            }
        };
    }
}
