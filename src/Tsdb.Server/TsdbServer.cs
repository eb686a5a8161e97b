using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tsdb.Scrape.Configuration;
using Tsdb.Scrape.Service;
using Tsdb.Server.Api;
using Tsdb.Server.Memory;
using Tsdb.Server.RemoteWrite;
using Tsdb.Server.Scrape;
using Tsdb.Server.SelfMetrics;
using Tsdb.Storage;
using Tsdb.Storage.Wal;

namespace Tsdb.Server;

/// <summary>
/// The server as a unit that can be started and stopped: storage opened from the options, the HTTP host
/// listening, scraping per the configuration file (reloaded on SIGHUP and /-/reload). The executable runs
/// one; tests run one in-process (listen on port 0 to get a free port).
/// </summary>
public sealed class TsdbServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _configFile;
    private readonly HeapTrimmer _trimmer;
    private PosixSignalRegistration? _reloadSignal;

    private TsdbServer(WebApplication app, Head head, ApiServices api, Uri address, ScrapeService scraping, string? configFile, HeapTrimmer trimmer)
    {
        _app = app;
        _trimmer = trimmer;
        Head = head;
        Api = api;
        Address = address;
        Scraping = scraping;
        _configFile = configFile;
    }

    public Head Head { get; }

    /// <summary>What the HTTP API serves and acts on.</summary>
    public ApiServices Api { get; }

    /// <summary>Targets, metadata and reload status of the scrapes.</summary>
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
        var fileConfig = configFile is null ? null : LoadedConfig.FromFile(configFile);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // The server is configured by its flags and prometheus.yml, not appsettings.json. Watching that
            // file for changes watches the working directory recursively, which holds ./data by default: the
            // watcher thread then woke for every write-ahead log write (about 9% of the CPU of a scraping server).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseUrls($"http://{ListenAddress.ToUrlHost(options.ListenAddress)}");
        // A range query's answer can be tens of megabytes, sent in parts as it is written (ApiJson). With Kestrel's
        // default of 64 KiB held per response, every part waited for the socket to drain, a thread switch each.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxResponseBufferSize = 1024 * 1024);
        ServerLogging.Configure(builder.Logging, options);
        var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Directory.CreateDirectory(options.StoragePath);
        var replayStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var head = Head.Open(
            new HeadOptions { Wal = new WalOptions(Path.Combine(options.StoragePath, "wal")) },
            loggers.CreateLogger("storage"));
        var metrics = new ServerMetrics(head) { WalReplayDuration = System.Diagnostics.Stopwatch.GetElapsedTime(replayStarted) };
        var api = new ApiServices
        {
            Head = head,
            Options = options,
            Metrics = metrics,
            // Without a file, the built-in configuration names the listen address; it is replaced below
            // by one naming the actual port once the host listens.
            Config = fileConfig ?? ScrapeConfiguration.BuiltInDefault(new Uri($"http://{ListenAddress.ToUrlHost(options.ListenAddress)}")),
            Quit = () => app.Lifetime.StopApplication(),
        };
        var scraping = new ScrapeService(new CountingAppendable(head, metrics), loggers.CreateLogger("scrape"));
        metrics.ObserveScrapes(scraping.Counters);
        metrics.ObserveConfigReloads(() => scraping.ReloadStatus);
        var sources = new ScrapeServiceSources(scraping);
        api.Targets = sources;
        api.Metadata = sources;
        try
        {
            var youngCollector = new YoungGenerationCollector();
            app.UseYoungGenerationCollection(youngCollector);
            metrics.ObserveYoungCollections(() => youngCollector.Collections);
            app.MapPrometheusApi(api);
            if (options.EnableRemoteWriteReceiver)
            {
                var receiver = new RemoteWriteReceiver(new CountingAppendable(head, metrics, metrics.RemoteWriteSamplesIn),
                    options.RemoteWriteMaxBodyBytes,
                    logger: loggers.CreateLogger("remote_write"));
                app.MapRemoteWrite(receiver);
            }
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            await scraping.DisposeAsync();
            head.Dispose();
            throw;
        }
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        if (fileConfig is null) api.Config = ScrapeConfiguration.BuiltInDefault(address);
        await scraping.ApplyAsync(api.Config.Config);

        var trimmer = new HeapTrimmer();
        metrics.ObserveHeapTrims(() => trimmer.Trims);
        var server = new TsdbServer(app, head, api, address, scraping, configFile, trimmer);
        api.Reload = server.ReloadAsync;
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
    public async Task<(bool Ok, string? Error)> ReloadAsync()
    {
        if (_configFile is null)
        {
            return (false, $"no configuration file to reload: the server runs its {ScrapeConfiguration.BuiltInName} " +
                           $"({ScrapeConfiguration.DefaultFile} did not exist at start-up and --config.file was not given)");
        }
        var result = await Scraping.ReloadAsync(_configFile);
        Api.LastReloadSucceeded = result.Succeeded;
        if (!result.Succeeded) return (false, result.Error);
        Api.Config = new LoadedConfig(Scraping.Config!, await File.ReadAllTextAsync(_configFile), DateTimeOffset.UtcNow);
        return (true, null);
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
        await _trimmer.DisposeAsync();
        await Scraping.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Head.Dispose();
    }
}
