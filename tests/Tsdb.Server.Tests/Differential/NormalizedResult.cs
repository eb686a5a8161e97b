using System.Globalization;
using System.Text;
using System.Text.Json;
using Tsdb.Query.Engine;

namespace Tsdb.Server.Tests.Differential;

/// <summary>
/// One point of a normalised result: milliseconds and either a float or, for string results, a text.
/// <see cref="Shown"/> is the float as the JSON API shows it (Go's shortest round-trip decimal): Prometheus's own
/// text, our value formatted as our API formats it; two floats one ulp apart differ there.
/// </summary>
internal readonly record struct NormalizedPoint(long T, double F, string Shown, string? Text = null)
{
    public static NormalizedPoint Ours(long t, double f) => new(t, f, GoFloatText.FormatPlain(f));
}

/// <summary>A series of a normalised result; <see cref="Metric"/> is the canonical rendering of its labels.</summary>
internal sealed record NormalizedSeries(string Metric, List<NormalizedPoint> Points);

/// <summary>
/// A query answer reduced to what both systems must agree on: success or the error type, the result type, and
/// the series with their points. Scalars and strings become one series with no labels and one point.
/// </summary>
internal sealed record NormalizedResult(string? ErrorType, string? Error, string? ResultType, List<NormalizedSeries> Series)
{
    public bool Failed => ErrorType is not null;

    /// <summary>Reads the JSON answer of Prometheus's /api/v1/query or /api/v1/query_range.</summary>
    public static NormalizedResult FromPrometheusJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
            return new NormalizedResult(root.GetProperty("errorType").GetString(), root.GetProperty("error").GetString(), null, []);
        var data = root.GetProperty("data");
        string type = data.GetProperty("resultType").GetString()!;
        var result = data.GetProperty("result");
        var series = new List<NormalizedSeries>();
        switch (type)
        {
            case "scalar":
            case "string":
                series.Add(new NormalizedSeries("{}", [PrometheusPoint(result, type == "string")]));
                break;
            case "vector":
                foreach (var s in result.EnumerateArray())
                    series.Add(new NormalizedSeries(PrometheusMetric(s.GetProperty("metric")), [PrometheusPoint(s.GetProperty("value"), false)]));
                break;
            case "matrix":
                foreach (var s in result.EnumerateArray())
                {
                    var points = s.GetProperty("values").EnumerateArray().Select(p => PrometheusPoint(p, false)).ToList();
                    series.Add(new NormalizedSeries(PrometheusMetric(s.GetProperty("metric")), points));
                }
                break;
            default:
                throw new InvalidOperationException($"unknown result type {type}");
        }
        return new NormalizedResult(null, null, type, series);
    }

    /// <summary>Runs <paramref name="evaluate"/> and normalises its result or its error.</summary>
    public static NormalizedResult FromEngine(Func<QueryResult> evaluate)
    {
        QueryResult result;
        try
        {
            result = evaluate();
        }
        catch (QueryException e)
        {
            return new NormalizedResult(e.ErrorType.ApiName(), e.Message, null, []);
        }
        var series = new List<NormalizedSeries>();
        switch (result.Value)
        {
            case Scalar s:
                series.Add(new NormalizedSeries("{}", [NormalizedPoint.Ours(s.T, s.F)]));
                break;
            case StringValue s:
                series.Add(new NormalizedSeries("{}", [new NormalizedPoint(s.T, double.NaN, "NaN", s.Value)]));
                break;
            case Vector v:
                foreach (var sample in v.Samples)
                    series.Add(new NormalizedSeries(Render(sample.Metric.Select(l => (l.Name, l.Value))), [NormalizedPoint.Ours(sample.T, sample.F)]));
                break;
            case Matrix m:
                foreach (var s in m.Series)
                    series.Add(new NormalizedSeries(Render(s.Metric.Select(l => (l.Name, l.Value))), s.Points.Select(p => NormalizedPoint.Ours(p.T, p.F)).ToList()));
                break;
            default:
                throw new InvalidOperationException($"unknown result {result.Value.GetType()}");
        }
        return new NormalizedResult(null, null, result.Value.TypeName, series);
    }

    private static NormalizedPoint PrometheusPoint(JsonElement pair, bool isString)
    {
        long t = (long)Math.Round(pair[0].GetDouble() * 1000);
        string text = pair[1].GetString()!;
        return isString ? new NormalizedPoint(t, double.NaN, "NaN", text) : new NormalizedPoint(t, ParseGoFloat(text), text);
    }

    private static double ParseGoFloat(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string PrometheusMetric(JsonElement metric) =>
        Render(metric.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));

    /// <summary>Labels sorted by name, values JSON-escaped, so both sides render a label set identically.</summary>
    private static string Render(IEnumerable<(string Name, string Value)> labels)
    {
        var sb = new StringBuilder("{");
        foreach (var (name, value) in labels.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            if (sb.Length > 1) sb.Append(", ");
            sb.Append(name).Append('=').Append(JsonSerializer.Serialize(value));
        }
        return sb.Append('}').ToString();
    }

    public override string ToString()
    {
        if (Failed) return $"error {ErrorType}: {Error}";
        var sb = new StringBuilder(ResultType).Append(" with ").Append(Series.Count).Append(" series");
        foreach (var s in Series.Take(12))
        {
            sb.Append("\n    ").Append(s.Metric).Append(' ');
            sb.AppendJoin(' ', s.Points.Take(8).Select(p => $"{p.T}:{p.Text ?? p.Shown}"));
            if (s.Points.Count > 8) sb.Append(" … (").Append(s.Points.Count).Append(" points)");
        }
        if (Series.Count > 12) sb.Append("\n    …");
        return sb.ToString();
    }
}
