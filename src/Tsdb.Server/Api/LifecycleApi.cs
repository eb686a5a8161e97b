namespace Tsdb.Server.Api;

/// <summary>
/// <c>/-/healthy</c>, <c>/-/ready</c>, and <c>/-/reload</c> and <c>/-/quit</c>, which like Prometheus
/// answer 403 unless <c>--web.enable-lifecycle</c> is set and accept only POST and PUT.
/// </summary>
public static class LifecycleApi
{
    public static void MapLifecycleApi(this IEndpointRouteBuilder endpoints, ApiServices services)
    {
        endpoints.MapMethods("/-/healthy", ["GET", "HEAD"], context => WriteText(context, "Prometheus Server is Healthy.\n"));
        // The head has replayed its write-ahead log before the server listens, so it is ready whenever it answers.
        endpoints.MapMethods("/-/ready", ["GET", "HEAD"], context => WriteText(context, "Prometheus Server is Ready.\n"));
        endpoints.Map("/-/reload", async context =>
        {
            if (!await CheckAllowedAsync(context, services)) return;
            var (ok, error) = services.Reload is { } reload ? await reload() : (true, null);
            services.LastReloadSucceeded = ok;
            if (!ok)
            {
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync($"failed to reload config: {error}\n");
            }
        });
        endpoints.Map("/-/quit", async context =>
        {
            if (!await CheckAllowedAsync(context, services)) return;
            await context.Response.WriteAsync("Requesting termination... Goodbye!");
            services.Quit();
        });
    }

    // A request delegate rather than a lambda returning a result: handlers of any other shape are compiled
    // from expression trees at start-up, which alone loaded System.Linq.Expressions and its compiled code.
    private static Task WriteText(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text);
    }

    private static async Task<bool> CheckAllowedAsync(HttpContext context, ApiServices services)
    {
        if (!services.Options.EnableLifecycle)
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("Lifecycle API is not enabled.");
            return false;
        }
        if (context.Request.Method is not ("POST" or "PUT"))
        {
            context.Response.StatusCode = 405;
            await context.Response.WriteAsync("Only POST or PUT requests allowed");
            return false;
        }
        return true;
    }
}
