using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tsdb.Server.Tests.Scrape;

/// <summary>An exporter on a free 127.0.0.1 port serving, at /metrics, whatever text page the test sets last.</summary>
public sealed class PageExporter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile byte[] _page = [];

    private PageExporter(WebApplication app) => _app = app;

    /// <summary>host:port, as a static_configs target.</summary>
    public string Target { get; private set; } = "";

    public static async Task<PageExporter> StartAsync(string page)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var exporter = new PageExporter(app);
        exporter.Serve(page);
        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await context.Response.Body.WriteAsync(exporter._page);
        });
        await app.StartAsync();
        exporter.Target = new Uri(app.Urls.First()).Authority;
        return exporter;
    }

    public void Serve(string page) => _page = Encoding.UTF8.GetBytes(page);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
