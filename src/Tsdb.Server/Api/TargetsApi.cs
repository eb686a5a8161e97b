using System.Text.Json;
using Tsdb.Query.Parsing;
using Tsdb.Scrape.Targets;

namespace Tsdb.Server.Api;

/// <summary><c>/api/v1/targets</c> with the <c>state</c> filter (active, dropped, any).</summary>
public static class TargetsApi
{
    public static void MapTargetsApi(this IEndpointRouteBuilder endpoints, ApiServices services)
    {
        endpoints.MapApi("/api/v1/targets", services, (request, s, context) =>
        {
            var state = request.Get("state").ToLowerInvariant();
            bool showActive = state is "" or "any" or "active";
            bool showDropped = state is "" or "any" or "dropped";
            var active = showActive ? s.Targets.ActiveTargets() : [];
            var dropped = showDropped ? s.Targets.DroppedTargets() : [];
            var host = context.Request.Host.Value;
            return ApiAnswer.Of(json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("activeTargets");
                foreach (var t in active.OrderBy(t => t.Target.JobName, StringComparer.Ordinal).ThenBy(t => t.Target.Url.AbsoluteUri, StringComparer.Ordinal))
                    WriteActive(json, t, host);
                json.WriteEndArray();
                json.WriteStartArray("droppedTargets");
                foreach (var t in dropped)
                {
                    json.WriteStartObject();
                    json.WritePropertyName("discoveredLabels");
                    ApiJson.WriteLabels(json, t.DiscoveredLabels);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            });
        });
    }

    private static void WriteActive(Utf8JsonWriter json, TargetStatus status, string? host)
    {
        var target = status.Target;
        json.WriteStartObject();
        json.WritePropertyName("discoveredLabels");
        ApiJson.WriteLabels(json, target.DiscoveredLabels);
        json.WritePropertyName("labels");
        ApiJson.WriteLabels(json, target.Labels);
        json.WriteString("scrapePool", target.JobName);
        json.WriteString("scrapeUrl", target.Url.AbsoluteUri);
        json.WriteString("globalUrl", GlobalUrl(target.Url, host));
        json.WriteString("lastError", status.LastError);
        // Go's zero time when never scraped, as Prometheus shows it.
        json.WriteString("lastScrape", status.LastScrape is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'") : "0001-01-01T00:00:00Z");
        json.WriteNumber("lastScrapeDuration", status.LastScrapeDuration.TotalSeconds);
        json.WriteString("health", status.Health switch
        {
            TargetHealth.Up => "up",
            TargetHealth.Down => "down",
            _ => "unknown",
        });
        json.WriteString("scrapeInterval", Durations.Format(target.Interval));
        json.WriteString("scrapeTimeout", Durations.Format(target.Timeout));
        json.WriteEndObject();
    }

    /// <summary>The scrape URL with a loopback host replaced by the host the client reached us at, as Prometheus does.</summary>
    private static string GlobalUrl(Uri url, string? host)
    {
        if (!url.IsLoopback || string.IsNullOrEmpty(host)) return url.AbsoluteUri;
        var hostOnly = host.Contains(':') && !host.EndsWith(']') ? host[..host.LastIndexOf(':')] : host;
        return new UriBuilder(url) { Host = hostOnly }.Uri.AbsoluteUri;
    }
}
