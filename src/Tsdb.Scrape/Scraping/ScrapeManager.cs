using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// Runs one <see cref="ScrapeLoop"/> per target and follows the target set as discovery and reloads change
/// it. <see cref="SyncAsync"/> starts loops for new targets, stops those of removed targets (their series
/// are marked stale a little over two intervals later), restarts those whose scrape settings changed and
/// leaves the others running untouched. <see cref="StopAsync"/> is the server's shutdown: everything stops
/// and, as in Prometheus, no staleness marker is written.
/// </summary>
public sealed class ScrapeManager : IAsyncDisposable
{
    private readonly IAppendable _storage;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SemaphoreSlim _syncLock = new(1, 1);
    private Dictionary<ScrapeTarget, ScrapeLoop> _loops = new();
    private readonly List<ScrapeLoop> _retired = [];

    public ScrapeManager(IAppendable storage)
    {
        _storage = storage;
    }

    /// <summary>Totals over every loop this manager has run.</summary>
    public ScrapeCounters Counters { get; } = new();

    /// <summary>The loops of the current targets.</summary>
    public IReadOnlyCollection<ScrapeLoop> Loops => Volatile.Read(ref _loops).Values;

    /// <summary>The status of every current target, for the targets API, by job then URL.</summary>
    public IReadOnlyList<TargetStatus> ActiveTargets() =>
        Loops.Select(static loop => loop.Status)
            .OrderBy(static s => s.Target.JobName, StringComparer.Ordinal)
            .ThenBy(static s => s.Target.Url.AbsoluteUri, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Makes the running loops match <paramref name="targets"/> (duplicates count once). Throws
    /// <see cref="ArgumentException"/> before changing anything if a target is unusable.
    /// </summary>
    public async Task SyncAsync(IReadOnlyList<ScrapeTarget> targets)
    {
        foreach (var target in targets) target.Validate();
        await _syncLock.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
            var current = _loops;
            var next = new Dictionary<ScrapeTarget, ScrapeLoop>(targets.Count);
            var stopping = new List<Task>();
            foreach (var target in targets)
            {
                if (next.ContainsKey(target)) continue;
                if (current.TryGetValue(target, out var running) && running.Target.HasSameSettings(target))
                {
                    next.Add(target, running);
                    continue;
                }
                if (running is not null) stopping.Add(Retire(running));
                var loop = new ScrapeLoop(target, _storage, Counters);
                loop.Start(_shutdown.Token);
                next.Add(target, loop);
            }
            foreach (var (target, loop) in current)
            {
                if (!next.ContainsKey(target)) stopping.Add(Retire(loop));
            }
            Volatile.Write(ref _loops, next);
            await Task.WhenAll(stopping).ConfigureAwait(false);
            await DisposeFinishedAsync().ConfigureAwait(false);
        }
        finally
        {
            _syncLock.Release();
        }
    }

    /// <summary>Stops every loop without staleness markers and abandons markers still pending.</summary>
    public async Task StopAsync()
    {
        await _syncLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_shutdown.IsCancellationRequested) return;
            _shutdown.Cancel();
            var all = _loops.Values.Concat(_retired).ToList();
            _loops = new();
            _retired.Clear();
            foreach (var loop in all) await loop.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _syncLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _shutdown.Dispose();
        _syncLock.Dispose();
    }

    // A stopped loop may still be waiting to write its staleness markers; it is disposed once done.
    private Task Retire(ScrapeLoop loop)
    {
        _retired.Add(loop);
        return loop.StopAsync(targetRemoved: true);
    }

    private async Task DisposeFinishedAsync()
    {
        for (int i = _retired.Count - 1; i >= 0; i--)
        {
            if (!_retired[i].Completion.IsCompleted) continue;
            await _retired[i].DisposeAsync().ConfigureAwait(false);
            _retired.RemoveAt(i);
        }
    }
}
