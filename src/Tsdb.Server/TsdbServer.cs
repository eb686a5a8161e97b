using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tsdb.Server.Api;
using Tsdb.Server.RemoteWrite;
using Tsdb.Server.SelfMetrics;
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

    private TsdbServer(WebApplication app, Head head, ApiServices api, Uri address)
    {
        _app = app;
        Head = head;
        Api = api;
        Address = address;
    }

    public Head Head { get; }

    /// <summary>What the HTTP API serves; scraping plugs its targets, metadata and reload in here.</summary>
    public ApiServices Api { get; }

    /// <summary>Where the server listens, with the actual port when port 0 was asked for.</summary>
    public Uri Address { get; }

    public static async Task<TsdbServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        var config = LoadedConfig.Load(options.ConfigFile, options.ListenAddress);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{ListenAddress.ToUrlHost(options.ListenAddress)}");
        ServerLogging.Configure(builder.Logging, options);
        var app = builder.Build();

        Directory.CreateDirectory(options.StoragePath);
        var replayStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var head = Head.Open(
            new HeadOptions { Wal = new WalOptions(Path.Combine(options.StoragePath, "wal")) },
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("storage"));
        var metrics = new ServerMetrics(head) { WalReplayDuration = System.Diagnostics.Stopwatch.GetElapsedTime(replayStarted) };
        var api = new ApiServices
        {
            Head = head,
            Options = options,
            Metrics = metrics,
            Config = () => config,
            Quit = () => app.Lifetime.StopApplication(),
        };
        try
        {
            app.MapPrometheusApi(api);
            if (options.EnableRemoteWriteReceiver)
            {
                var receiver = new RemoteWriteReceiver(new CountingAppendable(head, metrics, metrics.RemoteWriteSamplesIn),
                    options.RemoteWriteMaxBodyBytes,
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
        return new TsdbServer(app, head, api, new Uri(address));
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
