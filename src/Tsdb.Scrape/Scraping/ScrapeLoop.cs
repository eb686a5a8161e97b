using System.Diagnostics;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Net;
using Tsdb.Scrape.Parsing;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// Scrapes one target every interval, from a phase fixed by the target's hash, and stores what it finds:
/// one commit per scrape holding the samples, the staleness markers of series that disappeared and the
/// report series (<c>up</c>, <c>scrape_duration_seconds</c>, ...). A scrape that fails in any way (HTTP,
/// timeout, malformed page, limit) stores none of its samples: the target is marked down, every series of
/// the last successful scrape is marked stale and only the report series are written.
/// A loop runs once: started, then stopped.
/// </summary>
public sealed class ScrapeLoop : IAsyncDisposable
{
    // Pages are tens to hundreds of KB: 64 KB reads take a page in a few socket reads and wake-ups
    // instead of one per 4 KB, and fewer lines straddle two buffers (those are copied).
    private static readonly StreamPipeReaderOptions BodyPipeOptions = new(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024);

    private readonly ScrapeTarget _target;
    private readonly IAppender _appender;
    private readonly ScrapeHttpClient _http;
    private readonly ScrapeCache _cache = new();
    private readonly ScrapeIngester _ingester;
    private readonly ReportSeries _report;
    private readonly ScrapeCounters? _totals;
    private readonly ExpositionParser?[] _parsers = new ExpositionParser?[2];
    private readonly TaskCompletionSource _scrapingStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stopping;
    private Task _run = Task.CompletedTask;
    private volatile TargetStatus _status;
    private volatile bool _markStaleOnStop;

    /// <param name="target">The target; throws <see cref="ArgumentException"/> if its settings are unusable.</param>
    /// <param name="storage">Where samples go, through one appender owned by this loop.</param>
    /// <param name="totals">Counters shared by all loops, updated along with the loop's own.</param>
    public ScrapeLoop(ScrapeTarget target, IAppendable storage, ScrapeCounters? totals = null)
    {
        target.Validate();
        _target = target;
        _appender = storage.Appender();
        _http = new ScrapeHttpClient(target);
        _ingester = new ScrapeIngester(target, _cache, Metadata);
        _report = new ReportSeries(target);
        _totals = totals;
        _status = TargetStatus.NotScraped(target);
    }

    public ScrapeTarget Target => _target;

    /// <summary>The outcome of the last scrape, for the targets API.</summary>
    public TargetStatus Status => _status;

    public ScrapeCounters Counters { get; } = new();

    /// <summary>The metric metadata of the last successful scrape, for the metadata API.</summary>
    public TargetMetadata Metadata { get; } = new();

    /// <summary>Completes when the loop has stopped and its end-of-run staleness markers are written or abandoned.</summary>
    public Task Completion => _run;

    /// <summary>
    /// Starts scraping in the background. Cancelling <paramref name="shutdown"/> stops the loop without
    /// staleness markers (the server is going down and will resume where it was), and abandons markers
    /// still waiting to be written.
    /// </summary>
    public void Start(CancellationToken shutdown)
    {
        if (_stopping is not null) throw new InvalidOperationException($"scrape loop for {_target} was already started");
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        _run = Task.Run(() => RunAsync(_stopping.Token, shutdown), CancellationToken.None);
    }

    /// <summary>
    /// Stops scraping and returns once no scrape is running. When the target was removed, its series are
    /// marked stale in the background at the time its next scrape would have been, after waiting just over
    /// two intervals in case the target comes back (its new loop's samples would then win): see
    /// <see cref="Completion"/>.
    /// </summary>
    public Task StopAsync(bool targetRemoved)
    {
        if (_stopping is null) return Task.CompletedTask;
        _markStaleOnStop = targetRemoved;
        _stopping.Cancel();
        return _scrapingStopped.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(targetRemoved: false).ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        _http.Dispose();
        _stopping?.Dispose();
    }

    /// <summary>
    /// One scrape at <paramref name="timestamp"/> (ms): fetch, parse, append, report and commit, then
    /// update the status. Throws <see cref="OperationCanceledException"/> only when <paramref name="stopping"/>
    /// fires, leaving nothing appended.
    /// </summary>
    internal async Task ScrapeAsync(long timestamp, CancellationToken stopping)
    {
        long started = Stopwatch.GetTimestamp();
        _ingester.ResetCounts();
        string error = "";
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            timeout.CancelAfter(_target.Timeout);
            try
            {
                await ScrapePageAsync(timestamp, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                _appender.Rollback();
                throw new OperationCanceledException(stopping);
            }
            catch (Exception) when (timeout.IsCancellationRequested)
            {
                error = $"scrape timed out after {_target.Timeout.TotalSeconds:0.###}s";
            }
            catch (Exception e)
            {
                error = e.Message;
            }
        }
        var duration = Stopwatch.GetElapsedTime(started);
        bool failed = error.Length > 0;
        if (failed)
        {
            _appender.Rollback();
            _cache.AppendStaleMarkersForAll(_appender, timestamp);
        }
        _report.Append(_appender, timestamp, up: !failed, duration, _ingester);
        var commit = _appender.Commit();
        _cache.EndScrape(succeeded: !failed);
        Metadata.EndScrape(succeeded: !failed);

        Counters.RecordScrape(failed, _ingester.SampleLimitExceeded, commit);
        _totals?.RecordScrape(failed, _ingester.SampleLimitExceeded, commit);
        _status = new TargetStatus(_target, failed ? TargetHealth.Down : TargetHealth.Up, error,
            DateTimeOffset.FromUnixTimeMilliseconds(timestamp), duration);
    }

    private async Task ScrapePageAsync(long timestamp, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new ScrapeException($"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}");

        var format = ContentNegotiation.FormatFromContentType(response.Content.Headers.ContentType?.ToString());
        var parser = _parsers[(int)format] ??= ExpositionParser.Create(format);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (IsGzip(response)) body = new GZipStream(body, CompressionMode.Decompress);
        if (_target.BodySizeLimit > 0) body = new BodySizeLimitStream(body, _target.BodySizeLimit);

        var pipe = PipeReader.Create(body, BodyPipeOptions);
        try
        {
            using var page = new PipeExpositionReader(pipe, parser);
            await _ingester.IngestAsync(page, _appender, timestamp, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool IsGzip(HttpResponseMessage response)
    {
        foreach (var encoding in response.Content.Headers.ContentEncoding)
        {
            if (string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private async Task RunAsync(CancellationToken stopping, CancellationToken shutdown)
    {
        PeriodicTimer? timer = null;
        bool scraped = false;
        try
        {
            var offset = ScrapeOffset.UntilFirstScrape(_target.IdentityHash, _target.Interval,
                DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks);
            await Task.Delay(offset, stopping).ConfigureAwait(false);
            timer = new PeriodicTimer(_target.Interval);
            do
            {
                await ScrapeAsync(NowMilliseconds(), stopping).ConfigureAwait(false);
                scraped = true;
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            _scrapingStopped.TrySetResult();
        }

        using (timer)
        {
            if (_markStaleOnStop && scraped && timer is not null)
                await WriteEndOfRunStaleMarkersAsync(timer, shutdown).ConfigureAwait(false);
        }
    }

    private async Task WriteEndOfRunStaleMarkersAsync(PeriodicTimer timer, CancellationToken shutdown)
    {
        long staleTime;
        try
        {
            await timer.WaitForNextTickAsync(shutdown).ConfigureAwait(false);
            staleTime = NowMilliseconds();
            await timer.WaitForNextTickAsync(shutdown).ConfigureAwait(false);
            await Task.Delay(_target.Interval / 10, shutdown).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // shutting down: no markers, as on any shutdown
        }
        _cache.AppendStaleMarkersForAll(_appender, staleTime);
        _report.AppendStaleMarkers(_appender, staleTime);
        var commit = _appender.Commit();
        Counters.RecordCommit(commit);
        _totals?.RecordCommit(commit);
    }

    private static long NowMilliseconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
