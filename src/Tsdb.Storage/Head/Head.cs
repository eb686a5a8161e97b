using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Storage.Index;
using Tsdb.Storage.Wal;

namespace Tsdb.Storage;

/// <summary>
/// The in-memory part of the storage: every active series with its recent chunks, the inverted index
/// over their labels, and the write-ahead log that makes commits durable.
/// </summary>
public sealed class Head : IAppendable, IQueryable, IDisposable
{
    private readonly SeriesByHash _byHash = new();
    private readonly SeriesByRef _byRef = new();
    private readonly Lock _createLock = new();
    private readonly ILogger _logger;
    private ulong _lastRef;
    private long _seriesCount;
    private long _minTime = long.MaxValue;
    private long _maxTime = long.MinValue;

    private Head(ILogger logger)
    {
        _logger = logger;
    }

    internal MemPostings Postings { get; } = new();

    internal HeadLog? Log { get; private set; }

    /// <summary>Opens a head, replaying its write-ahead log when one is configured.</summary>
    public static Head Open(HeadOptions options, ILogger? logger = null)
    {
        var head = new Head(logger ?? NullLogger.Instance);
        if (options.Wal is not null)
        {
            var replay = new WalReplayer(head);
            head.Log = new HeadLog(WriteAheadLog.Open(options.Wal, replay.Apply, head._logger));
            replay.Report(head._logger);
        }
        return head;
    }

    public long SeriesCount => Interlocked.Read(ref _seriesCount);

    /// <summary>Oldest sample time in the head, long.MaxValue when empty.</summary>
    public long MinTime => Interlocked.Read(ref _minTime);

    /// <summary>Newest sample time in the head, long.MinValue when empty.</summary>
    public long MaxTime => Interlocked.Read(ref _maxTime);

    public IAppender Appender() => new HeadAppender(this);

    public IQuerier Querier(long mint, long maxt) => new HeadQuerier(this, mint, maxt);

    internal MemSeries? GetByRef(SeriesRef seriesRef) => _byRef.Get(seriesRef.Value);

    internal MemSeries GetOrCreate(Labels labels, out bool created) =>
        _byHash.GetOrAdd(labels, CreateSeries, out created);

    /// <summary>Recreates a series read back from the write-ahead log under its logged reference.</summary>
    internal MemSeries Restore(SeriesRef seriesRef, Labels labels)
    {
        return _byHash.GetOrAdd(labels, l =>
        {
            lock (_createLock)
            {
                if (seriesRef.Value <= _lastRef)
                    throw new InvalidOperationException($"write-ahead log reuses series reference {seriesRef.Value}");
                _lastRef = seriesRef.Value;
                return Register(new MemSeries(seriesRef, l), l, logToWal: false);
            }
        }, out _);
    }

    internal void ObserveTimeRange(long min, long max)
    {
        long current;
        while (min < (current = Interlocked.Read(ref _minTime)))
        {
            if (Interlocked.CompareExchange(ref _minTime, min, current) == current) break;
        }
        while (max > (current = Interlocked.Read(ref _maxTime)))
        {
            if (Interlocked.CompareExchange(ref _maxTime, max, current) == current) break;
        }
    }

    /// <summary>The write-ahead log, null for a head kept only in memory; for its statistics.</summary>
    public WriteAheadLog? Wal => Log?.Wal;

    /// <summary>Chunks of all series in the head, the open ones included.</summary>
    public long ChunkCount()
    {
        long total = 0;
        foreach (var r in Postings.All().Span)
        {
            total += _byRef.Get(r)?.ChunkCount() ?? 0;
        }
        return total;
    }

    /// <summary>Bytes of all chunks in the head, for memory accounting.</summary>
    public long ChunkBytes()
    {
        long total = 0;
        foreach (var r in Postings.All().Span)
        {
            total += _byRef.Get(r)?.ChunkBytes() ?? 0;
        }
        return total;
    }

    private MemSeries CreateSeries(Labels labels)
    {
        lock (_createLock)
        {
            var series = new MemSeries(new SeriesRef(++_lastRef), labels);
            return Register(series, labels, logToWal: true);
        }
    }

    /// <summary>Indexes and logs a new series; <paramref name="labels"/> are its labels, which it does not keep as a set.</summary>
    private MemSeries Register(MemSeries series, Labels labels, bool logToWal)
    {
        if (series.Ref.Value > uint.MaxValue)
            throw new InvalidOperationException("the head cannot hold more than 2^32 series");
        _byRef.Set(series.Ref.Value, series);
        Postings.Add((uint)series.Ref.Value, labels);
        Interlocked.Increment(ref _seriesCount);
        // Logged when created, not when its first batch commits: another appender may use the series
        // first, and its samples must never precede the series record in the log.
        if (logToWal) Log?.LogSeries(series.Ref, labels);
        return series;
    }

    public void Dispose()
    {
        Log?.Dispose();
    }
}
