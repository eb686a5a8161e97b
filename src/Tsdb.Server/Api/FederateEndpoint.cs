using System.Text;
using Tsdb.Query.Engine;
using Tsdb.Scrape.Parsing;
using Tsdb.Storage;

namespace Tsdb.Server.Api;

/// <summary>
/// <c>/federate</c>: the newest sample within the lookback delta of every series matching a
/// <c>match[]</c> selector, with the external labels added where missing, in text format 0.0.4.
/// </summary>
public static class FederateEndpoint
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void MapFederate(this IEndpointRouteBuilder endpoints, ApiServices services)
    {
        endpoints.MapGet("/federate", async context =>
        {
            var request = await ApiRequest.ReadAsync(context.Request);
            List<Matcher[]> matcherSets;
            try
            {
                matcherSets = ApiRequest.ParseMatchers(request.GetAll("match[]"));
            }
            catch (ApiException e)
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync(e.Error.Message + "\n");
                return;
            }
            long now = services.NowMs();
            var text = Render(services, matcherSets, now - (long)services.Options.LookbackDelta.TotalMilliseconds, now);
            context.Response.ContentType = ContentType;
            await context.Response.WriteAsync(text);
        });
    }

    private static string Render(ApiServices services, List<Matcher[]> matcherSets, long mint, long maxt)
    {
        var latest = new SortedDictionary<Labels, (long T, double V)>();
        using (var querier = services.Head.Querier(mint, maxt))
        {
            foreach (var matchers in matcherSets)
            {
                var set = querier.Select(matchers);
                while (set.MoveNext())
                {
                    var series = set.Current;
                    if (latest.ContainsKey(series.Labels)) continue;
                    var it = series.Iterator();
                    bool any = false;
                    long t = 0;
                    double v = 0;
                    while (it.Next())
                    {
                        any = true;
                        t = it.Timestamp;
                        v = it.Value;
                    }
                    if (any && !StaleNaN.Is(v)) latest[series.Labels] = (t, v);
                }
            }
        }
        var external = services.Config.Config.Global.ExternalLabels;
        var output = new StringWriter(new StringBuilder());
        var writer = new ExpositionWriter(output, ExpositionFormat.PrometheusText);
        // Grouped by metric name with one TYPE line each, as Prometheus groups families.
        foreach (var group in latest.GroupBy(kv => kv.Key.MetricNameValue).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteType(group.Key, MetricType.Unknown);
            foreach (var (labels, (t, v)) in group) writer.WriteSample(WithExternal(labels, external), v, t);
        }
        return output.ToString();
    }

    private static Labels WithExternal(Labels labels, Labels external)
    {
        if (external.Count == 0) return labels;
        var merged = new List<Label>(labels);
        foreach (var label in external)
        {
            if (!labels.Has(label.Name)) merged.Add(label);
        }
        return Labels.From(merged);
    }
}
