using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tsdb.Load.Exporters;

/// <summary>
/// Serves fake exporters on consecutive loopback ports for scrape load, until the time is up or Ctrl+C,
/// and prints a scrape config that points at them.
/// </summary>
public static class ExportersCommand
{
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        int targets = args.Int("targets", 10);
        int series = args.Int("series", 1000);
        int firstPort = args.Int("port", 19100);
        int seconds = args.Int("seconds", 600);
        args.RejectUnknown();
        if (targets is <= 0 or > 1000) throw new ArgumentException($"--targets must be between 1 and 1000, got {targets}");
        if (firstPort is <= 0 || firstPort + targets > 65536) throw new ArgumentException($"--port {firstPort} leaves no room for {targets} ports");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (int t = 0; t < targets; t++) kestrel.Listen(IPAddress.Loopback, firstPort + t);
        });
        await using var app = builder.Build();
        var exporters = Enumerable.Range(0, targets).Select(t => new FakeExporter(t, series)).ToArray();
        app.MapGet("/metrics", (HttpContext context) =>
            Results.Text(exporters[context.Connection.LocalPort - firstPort].Render(), "text/plain; version=0.0.4; charset=utf-8"));
        await app.StartAsync(cancellationToken);

        Console.WriteLine($"{targets} exporters of {series} series on 127.0.0.1:{firstPort}-{firstPort + targets - 1} for {seconds} s; scrape config:");
        Console.WriteLine("scrape_configs:\n  - job_name: fake\n    static_configs:\n      - targets:");
        for (int t = 0; t < targets; t++) Console.WriteLine($"          - 127.0.0.1:{firstPort + t}");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop serving.
        }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
