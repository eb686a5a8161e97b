using System.Diagnostics;
using System.Globalization;

namespace Tsdb.Server.SelfMetrics;

/// <summary>
/// Counts every request by handler (the route pattern, e.g. <c>/api/v1/query</c>) and status code, and
/// times it by handler, as prometheus_http_requests_total and prometheus_http_request_duration_seconds.
/// </summary>
public static class HttpMetricsMiddleware
{
    public static void UseHttpMetrics(this IApplicationBuilder app, ServerMetrics metrics)
    {
        app.Use(async (context, next) =>
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var handler = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other";
                var code = context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
                metrics.HttpRequests.WithLabels(code, handler).Inc();
                metrics.HttpRequestDuration.WithLabels(handler).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        });
    }
}
