using Microsoft.Extensions.Logging;
using Tsdb.Scrape.Configuration;
using Tsdb.Scrape.Discovery;
using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Service;

/// <summary>
/// Scraping as the server runs it: a configuration's jobs, their service discovery, and one scrape loop per
/// target, all following reloads. Discovery updates become targets (labels populated and relabeled with the
/// job's rules, scrape settings from the job) and the scrape manager keeps the running loops in step:
/// a reload keeps the loop of every target that did not change, starts new jobs and stops removed ones
/// (their series are marked stale). A configuration file that does not load is refused and the running one
/// is left untouched. Also what the targets and metadata APIs read.
/// </summary>
public sealed class ScrapeService : IAsyncDisposable
{
    // How long applying a configuration waits for each job's first discovery answer before returning anyway.
    private static readonly TimeSpan FirstDiscoveryWait = TimeSpan.FromSeconds(10);

    private readonly ScrapeManager _manager;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private readonly SemaphoreSlim _syncLock = new(1, 1);
    private Dictionary<string, ScrapeJob> _jobs = new(StringComparer.Ordinal);
    private CancellationTokenSource? _discoveryStop;
    private Task _discoveryRun = Task.CompletedTask;
    private volatile PrometheusConfig? _config;
    private volatile ConfigReloadStatus _reloadStatus = ConfigReloadStatus.NeverLoaded;
    private bool _stopped;

    public ScrapeService(IAppendable storage, ILogger logger, TimeProvider? time = null)
    {
        _manager = new ScrapeManager(storage);
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The configuration running now; null before the first one is applied.</summary>
    public PrometheusConfig? Config => _config;

    /// <summary>
    /// <c>global.external_labels</c>. As in Prometheus they are not added to scraped samples; they are for
    /// what leaves the server (federation, remote write, alerts).
    /// </summary>
    public Labels ExternalLabels => _config?.Global.ExternalLabels ?? Labels.Empty;

    public ConfigReloadStatus ReloadStatus => _reloadStatus;

    /// <summary>Totals over every scrape loop.</summary>
    public ScrapeCounters Counters => _manager.Counters;

    /// <summary>The running scrape loops (each with its target, status and metadata).</summary>
    public IReadOnlyCollection<ScrapeLoop> Loops => _manager.Loops;

    /// <summary>
    /// Loads <paramref name="configPath"/> and applies it. A file that cannot be read or is invalid changes
    /// nothing but the reload status, and its error (file:line:column: reason) is returned.
    /// </summary>
    public async Task<ReloadResult> ReloadAsync(string configPath)
    {
        PrometheusConfig config;
        try
        {
            config = ConfigLoader.LoadFile(configPath);
        }
        catch (ConfigException e)
        {
            _logger.LogError("Error reloading config {File}: {Error}", configPath, e.Message);
            _reloadStatus = _reloadStatus with { Successful = false, LastError = e.Message };
            return ReloadResult.Failure(e.Message);
        }
        await ApplyAsync(config).ConfigureAwait(false);
        return ReloadResult.Success;
    }

    /// <summary>
    /// Makes <paramref name="config"/> the running configuration: restarts discovery with its jobs, stops
    /// the loops of jobs it no longer has, and returns once every job's first discovered targets are running
    /// (or after a few seconds if discovery is slow).
    /// </summary>
    public async Task ApplyAsync(PrometheusConfig config)
    {
        await _applyLock.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            await StopDiscoveryAsync().ConfigureAwait(false);

            var firstUpdates = new Dictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
            await _syncLock.WaitAsync().ConfigureAwait(false);
            try
            {
                var jobs = new Dictionary<string, ScrapeJob>(StringComparer.Ordinal);
                foreach (var scrapeConfig in config.ScrapeConfigs)
                {
                    _jobs.TryGetValue(scrapeConfig.JobName, out var previous);
                    jobs[scrapeConfig.JobName] = new ScrapeJob(scrapeConfig, previous, _logger);
                    firstUpdates[scrapeConfig.JobName] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                _jobs = jobs;
                // Removed jobs stop now; kept ones run on until discovery reports their targets again.
                await SyncLoopsAsync().ConfigureAwait(false);
            }
            finally
            {
                _syncLock.Release();
            }

            var discovery = new DiscoveryManager(config.ScrapeConfigs, _logger);
            var stop = new CancellationTokenSource();
            _discoveryStop = stop;
            _discoveryRun = Task.WhenAll(
                Task.Run(() => discovery.RunAsync(stop.Token), CancellationToken.None),
                Task.Run(() => ConsumeAsync(discovery, firstUpdates, stop.Token), CancellationToken.None));
            _config = config;
            _reloadStatus = new ConfigReloadStatus(true, _time.GetUtcNow(), "");

            try
            {
                await Task.WhenAll(firstUpdates.Values.Select(t => t.Task)).WaitAsync(FirstDiscoveryWait, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("service discovery has not reported every job after {Wait}; their targets start when it does", FirstDiscoveryWait);
            }
        }
        finally
        {
            _applyLock.Release();
        }
    }

    /// <summary>The targets being scraped, by job then URL; a job over its target_limit shows its targets down.</summary>
    public IReadOnlyList<TargetStatus> ActiveTargets()
    {
        var statuses = _manager.ActiveTargets().ToList();
        foreach (var job in Volatile.Read(ref _jobs).Values)
        {
            string error = job.LimitError;
            if (error.Length == 0) continue;
            statuses.AddRange(job.Active.Select(t => new TargetStatus(t, TargetHealth.Down, error, null, TimeSpan.Zero)));
        }
        return statuses
            .OrderBy(static s => s.Target.JobName, StringComparer.Ordinal)
            .ThenBy(static s => s.Target.Url.AbsoluteUri, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Discovered targets relabeling dropped, by job in configuration order.</summary>
    public IReadOnlyList<DroppedTarget> DroppedTargets() =>
        Volatile.Read(ref _jobs).Values.SelectMany(static j => j.Dropped).ToList();

    /// <summary>
    /// Metric metadata over every target, as <c>/api/v1/metadata</c> aggregates it: per metric family name,
    /// the distinct (type, help, unit) combinations the targets expose.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>> MetricMetadata()
    {
        var byName = new SortedDictionary<string, List<MetricMetadata>>(StringComparer.Ordinal);
        foreach (var loop in _manager.Loops)
        {
            foreach (var (name, metadata) in loop.Metadata.Snapshot())
            {
                if (!byName.TryGetValue(name, out var list)) byName[name] = list = [];
                if (!list.Contains(metadata)) list.Add(metadata);
            }
        }
        return byName.ToDictionary(static e => e.Key, static e => (IReadOnlyList<MetricMetadata>)e.Value, StringComparer.Ordinal);
    }

    /// <summary>Stops discovery and every loop, without staleness markers (the server is going down).</summary>
    public async Task StopAsync()
    {
        await _applyLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped) return;
            _stopped = true;
            await StopDiscoveryAsync().ConfigureAwait(false);
            await _manager.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _applyLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _manager.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StopDiscoveryAsync()
    {
        if (_discoveryStop is null) return;
        await _discoveryStop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _discoveryRun.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _discoveryStop.Dispose();
        _discoveryStop = null;
    }

    private async Task ConsumeAsync(DiscoveryManager discovery, Dictionary<string, TaskCompletionSource> firstUpdates,
        CancellationToken stop)
    {
        try
        {
            await foreach (var update in discovery.Updates.ReadAllAsync(stop).ConfigureAwait(false))
            {
                await _syncLock.WaitAsync(stop).ConfigureAwait(false);
                try
                {
                    if (!_jobs.TryGetValue(update.JobName, out var job)) continue;
                    job.Update(update.Groups);
                    await SyncLoopsAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogError(e, "scrape job {Job}: cannot apply discovered targets", update.JobName);
                }
                finally
                {
                    _syncLock.Release();
                }
                if (firstUpdates.TryGetValue(update.JobName, out var first)) first.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    // Callers hold _syncLock.
    private Task SyncLoopsAsync() => _manager.SyncAsync(_jobs.Values.SelectMany(static j => j.Scraped).ToList());
}
