using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Runtime.InteropServices;
using Tsdb.Scrape.Configuration;
using Tsdb.Scrape.Service;
using Tsdb.Server.RemoteWrite;
using Tsdb.Server.Scrape;
using Tsdb.Storage;
using Tsdb.Storage.Wal;

namespace Tsdb.Server;

/// <summary>
/// The server as a unit that can be started and stopped: storage opened from the options, the HTTP host
/// listening, scraping per the configuration file (reloaded on SIGHUP). The executable runs one; tests run
/// one in-process (listen on port 0 to get a free port).
/// </summary>
public sealed class TsdbServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _configFile;
    private PosixSignalRegistration? _reloadSignal;

    private TsdbServer(WebApplication app, Head head, Uri address, ScrapeService scraping, string? configFile)
    {
        _app = app;
        Head = head;
        Address = address;
        Scraping = scraping;
        _configFile = configFile;
    }

    public Head Head { get; }

    /// <summary>Targets, metadata and reload status, for the API and /metrics.</summary>
    public ScrapeService Scraping { get; }

    /// <summary>Where the server listens, with the actual port when port 0 was asked for.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts the server. A configuration file that does not load throws <see cref="ConfigException"/>
    /// (file:line:column: reason) before anything is opened.
    /// </summary>
    public static async Task<TsdbServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        var configFile = ScrapeConfiguration.FileToLoad(options);
        var config = configFile is null ? null : ConfigLoader.LoadFile(configFile);

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
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var scraping = new ScrapeService(head, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("scrape"));
        await scraping.ApplyAsync(config ?? ScrapeConfiguration.BuiltInDefault(address));
        var server = new TsdbServer(app, head, address, scraping, configFile);
        server._reloadSignal = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _ = server.ReloadAsync();
        });
        return server;
    }

    /// <summary>
    /// Reloads the configuration file (what SIGHUP and <c>/-/reload</c> do). On failure the running
    /// configuration is kept and the error names the file, line and field.
    /// </summary>
    public async Task<(bool Ok, string Error)> ReloadAsync()
    {
        if (_configFile is null)
        {
            return (false, $"no configuration file to reload: the server runs its {ScrapeConfiguration.BuiltInName} " +
                           $"({ScrapeConfiguration.DefaultFile} did not exist at start-up and --config.file was not given)");
        }
        var result = await Scraping.ReloadAsync(_configFile);
        return (result.Succeeded, result.Error);
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async Task StopAsync()
    {
        await Scraping.StopAsync();
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _reloadSignal?.Dispose();
        await Scraping.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Head.Dispose();
    }
}
