using System.Text;

namespace Tsdb.Server.SelfMetrics;

/// <summary><c>/metrics</c>: the server's own metrics in text format 0.0.4.</summary>
public static class MetricsEndpoint
{
    public static void MapSelfMetrics(this IEndpointRouteBuilder endpoints, MetricsRegistry registry)
    {
        endpoints.MapGet("/metrics", async context =>
        {
            var text = new StringWriter(new StringBuilder(16 * 1024));
            registry.Render(text);
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await context.Response.WriteAsync(text.ToString());
        });
    }
}
