using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tsdb.Load.Exporters;

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
        var ports = DistinctFreePorts(targets);
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

    /// <summary>Free loopback ports, all held open while picking so the kernel cannot hand out one twice.</summary>
    private static int[] DistinctFreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
