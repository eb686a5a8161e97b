using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tsdb.Server.RemoteWrite;
using Tsdb.Storage;
using Tsdb.Storage.Wal;

namespace Tsdb.Server;

/// <summary>
/// The server as a unit that can be started and stopped: storage opened from the options, the HTTP host
/// listening. The executable runs one; tests run one in-process (listen on port 0 to get a free port).
/// </summary>
public sealed class TsdbServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TsdbServer(WebApplication app, Head head, Uri address)
    {
        _app = app;
        Head = head;
        Address = address;
    }

    public Head Head { get; }

    /// <summary>Where the server listens, with the actual port when port 0 was asked for.</summary>
    public Uri Address { get; }

    public static async Task<TsdbServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{ListenAddress.ToUrlHost(options.ListenAddress)}");
        var app = builder.Build();

        Directory.CreateDirectory(options.StoragePath);
        var head = Head.Open(
            new HeadOptions { Wal = new WalOptions(Path.Combine(options.StoragePath, "wal")) },
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("storage"));
        try
        {
            app.MapGet("/-/healthy", () => Results.Text("Prometheus Server is Healthy.\n"));
            app.MapGet("/-/ready", () => Results.Text("Prometheus Server is Ready.\n"));
            if (options.EnableRemoteWriteReceiver)
            {
                var receiver = new RemoteWriteReceiver(head, options.RemoteWriteMaxBodyBytes,
                    logger: app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("remote_write"));
                app.MapRemoteWrite(receiver);
            }
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            head.Dispose();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TsdbServer(app, head, new Uri(address));
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async Task StopAsync()
    {
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Head.Dispose();
    }
}
