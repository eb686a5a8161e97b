using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>
/// An HTTP exporter on 127.0.0.1 whose response the test changes between scrapes. It records the
/// headers of the last request it received.
/// </summary>
internal sealed class TestExporter : IAsyncDisposable
{
    public const string TextFormat = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsFormat = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private readonly WebApplication _app;
    private volatile Func<HttpContext, Task> _respond = static context => Task.CompletedTask;
    private int _requests;

    private TestExporter(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri MetricsUrl => new(BaseAddress, "/metrics");

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A copy (Kestrel reuses its own header objects once the request is done).</summary>
    public IHeaderDictionary? LastRequestHeaders { get; private set; }

    public static async Task<TestExporter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestExporter? exporter = null;
        app.Run(context =>
        {
            exporter!.LastRequestHeaders = new HeaderDictionary(
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
            Interlocked.Increment(ref exporter._requests);
            return exporter._respond(context);
        });
        await app.StartAsync();
        exporter = new TestExporter(app, new Uri(app.Urls.First()));
        return exporter;
    }

    /// <summary>Serves this page from now on.</summary>
    public void Serve(string page, string contentType = TextFormat, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(page);
        if (gzip)
        {
            using var compressed = new MemoryStream();
            using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(bytes);
            bytes = compressed.ToArray();
        }
        Respond(async context =>
        {
            context.Response.ContentType = contentType;
            if (gzip) context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(bytes);
        });
    }

    public void Respond(Func<HttpContext, Task> respond) => _respond = respond;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
