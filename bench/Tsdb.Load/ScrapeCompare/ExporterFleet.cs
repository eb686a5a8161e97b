using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tsdb.Load.Exporters;
using Tsdb.Load.Systems;

namespace Tsdb.Load.ScrapeCompare;

/// <summary>
/// Fake exporters served from this process, one loopback port per target, each with its own
/// <see cref="FakeExporter"/> whose values move on every scrape. Kept up across all systems and runs, so
/// every system scrapes the same pages.
/// </summary>
public sealed class ExporterFleet : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExporterFleet(WebApplication app, IReadOnlyList<int> ports, int seriesPerTarget)
    {
        _app = app;
        Ports = ports;
        SeriesPerTarget = seriesPerTarget;
    }

    public IReadOnlyList<int> Ports { get; }

    public int SeriesPerTarget { get; }

    public IEnumerable<string> Targets => Ports.Select(p => $"127.0.0.1:{p}");

    public static async Task<ExporterFleet> StartAsync(int targets, int seriesPerTarget, CancellationToken cancellationToken)
    {
        var ports = Enumerable.Range(0, targets).Select(_ => FreePort.Pick()).Distinct().ToArray();
        if (ports.Length != targets) throw new InvalidOperationException("the kernel handed out the same free port twice; run again");
        var exporters = ports.ToDictionary(p => p, p => new FakeExporter(Array.IndexOf(ports, p), seriesPerTarget));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (int port in ports) kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.MapGet("/metrics", (HttpContext context) =>
            Results.Text(exporters[context.Connection.LocalPort].Render(), "text/plain; version=0.0.4; charset=utf-8"));
        await app.StartAsync(cancellationToken);
        return new ExporterFleet(app, ports, seriesPerTarget);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
