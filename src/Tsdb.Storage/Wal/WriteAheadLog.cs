using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Tsdb.Storage.Wal;

/// <summary>
/// An append-only log of records in numbered segment files (see docs/wal.md for the format).
/// <see cref="Log"/> frames a record into an in-memory buffer; <see cref="Flush"/> writes everything buffered
/// with one write call per segment touched, then fsyncs as <see cref="WalSyncPolicy"/> says. Appenders and a
/// flush overlap: a flush swaps the buffer out and writes it while new records go into the other buffer, and
/// one flush writes the records of every thread that logged before it (group commit).
/// After <see cref="Open"/> appending continues in a new segment (or in the last one if it is empty), so a
/// segment is never reopened for writing once a process has stopped writing it.
/// </summary>
public sealed partial class WriteAheadLog : IDisposable
{
    private readonly WalOptions _options;
    private readonly ILogger _logger;
    private readonly Timer? _syncTimer;

    // Guards _pending, _segmentBytes and _disposed; held only to copy a record in or swap the buffer out.
    private readonly Lock _bufferLock = new();
    private WalWriteBuffer _pending = new();
    private long _segmentBytes;
    private bool _disposed;

    // Guards the file side: _spare, the segment, its length and _writeFailure; held for the write and fsync.
    private readonly Lock _writeLock = new();
    private WalWriteBuffer _spare = new();
    private volatile SafeFileHandle _segment; // volatile: the interval timer reads it without the lock
    private int _segmentSequence;
    private long _segmentLength;
    private Exception? _writeFailure;
    private bool _closed;

    private int _unsynced; // 1 when bytes were written since the interval timer last fsynced

    private WriteAheadLog(WalOptions options, ILogger logger, WalReplayStats stats, int segmentSequence)
    {
        _options = options;
        _logger = logger;
        ReplayStats = stats;
        _segmentSequence = segmentSequence;
        _segment = OpenSegment(segmentSequence);
        _segmentLength = RandomAccess.GetLength(_segment);
        _segmentBytes = _segmentLength;
        if (options.SyncPolicy == WalSyncPolicy.Interval)
            _syncTimer = new Timer(SyncOnTimer, null, options.SyncInterval, options.SyncInterval);
    }

    /// <summary>
    /// Replays every record of every segment into <paramref name="onRecord"/>, repairing a torn or corrupt tail
    /// (see <see cref="WalReplay"/>, logged at Warning), then opens the log for appending. An exception thrown by
    /// <paramref name="onRecord"/> propagates: a record that passed its checksum but cannot be used is not a
    /// torn write, and deleting it would lose data.
    /// </summary>
    public static WriteAheadLog Open(WalOptions options, WalRecordHandler onRecord, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onRecord);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.SegmentSize <= WalFrame.HeaderSize)
            throw new ArgumentException($"WAL segment size {options.SegmentSize} must be larger than the {WalFrame.HeaderSize}-byte record header", nameof(options));
        if (options.SyncPolicy == WalSyncPolicy.Interval && options.SyncInterval <= TimeSpan.Zero)
            throw new ArgumentException($"WAL sync interval {options.SyncInterval} must be positive", nameof(options));

        Directory.CreateDirectory(options.Directory);
        var replay = WalReplay.Run(options.Directory, onRecord, logger);
        int next = replay.LastSegment switch
        {
            null => 0,
            int last when replay.LastSegmentLength == 0 => last,
            int last => last + 1,
        };
        var stats = replay.Stats;
        LogReplayed(logger, options.Directory, stats.SegmentsRead, stats.RecordsRead, stats.BytesRead, WalSegments.Name(next));
        return new WriteAheadLog(options, logger, stats, next);
    }

    public WalReplayStats ReplayStats { get; }

    /// <summary>The sequence number of the segment being appended to.</summary>
    public int CurrentSegment
    {
        get { lock (_writeLock) return _segmentSequence; }
    }

    /// <summary>
    /// Appends one framed record to the write buffer; thread-safe, records keep the order of the calls. Does not
    /// allocate once the buffer has grown to the largest batch between flushes.
    /// </summary>
    public void Log(ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty)
            throw new ArgumentException("a WAL record must not be empty", nameof(record));
        if (record.Length > WalFrame.MaxPayloadLength)
            throw new ArgumentException($"a WAL record of {record.Length} bytes exceeds the maximum of {WalFrame.MaxPayloadLength}", nameof(record));
        uint crc = Crc32C.Compute(record); // outside the lock: the expensive part needs no ordering
        long frameLength = WalFrame.HeaderSize + record.Length;
        lock (_bufferLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_segmentBytes > 0 && _segmentBytes + frameLength > _options.SegmentSize)
            {
                _pending.CutSegmentHere();
                _segmentBytes = 0;
            }
            _pending.Append(record, crc);
            _segmentBytes += frameLength;
        }
    }

    /// <summary>
    /// Writes everything logged so far, by any thread, to the OS, then fsyncs if the policy is
    /// <see cref="WalSyncPolicy.Always"/>. After a failed write or fsync the log is broken and every later flush
    /// throws, since the segment may end in a partial record.
    /// </summary>
    public void Flush()
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            WriteOut();
        }
    }

    /// <summary>Flushes, fsyncs and closes the current segment. Records logged afterwards are refused.</summary>
    public void Dispose()
    {
        if (_syncTimer is not null)
        {
            using var timerDone = new ManualResetEvent(false);
            if (_syncTimer.Dispose(timerDone)) timerDone.WaitOne();
        }
        lock (_writeLock)
        {
            if (_closed) return;
            lock (_bufferLock) _disposed = true;
            try
            {
                if (_writeFailure is null)
                {
                    WriteOut();
                    if (_options.SyncPolicy != WalSyncPolicy.Always) RandomAccess.FlushToDisk(_segment);
                }
            }
            finally
            {
                _closed = true;
                _segment.Dispose();
            }
        }
    }

    /// <summary>Writes the pending buffer; the caller holds <see cref="_writeLock"/>.</summary>
    private void WriteOut()
    {
        if (_writeFailure is not null)
            throw new IOException($"the WAL in {_options.Directory} is broken by an earlier write error", _writeFailure);
        WalWriteBuffer batch;
        lock (_bufferLock)
        {
            if (_pending.IsEmpty) return; // whoever wrote our records also synced them before releasing the lock
            batch = _pending;
            _pending = _spare;
        }
        try
        {
            var data = batch.Data;
            int from = 0;
            foreach (int cut in batch.SegmentCuts)
            {
                Write(data[from..cut]);
                CutSegment();
                from = cut;
            }
            Write(data[from..]);
            if (_options.SyncPolicy == WalSyncPolicy.Always)
                RandomAccess.FlushToDisk(_segment);
            else
                Volatile.Write(ref _unsynced, 1);
        }
        catch (Exception e)
        {
            _writeFailure = e;
            throw;
        }
        finally
        {
            batch.Clear();
            _spare = batch;
        }
    }

    private void Write(ReadOnlySpan<byte> frames)
    {
        if (frames.IsEmpty) return;
        RandomAccess.Write(_segment, frames, _segmentLength);
        _segmentLength += frames.Length;
    }

    /// <summary>Closes the full segment (with an fsync in every policy) and starts the next one.</summary>
    private void CutSegment()
    {
        RandomAccess.FlushToDisk(_segment);
        _segment.Dispose();
        _segmentSequence++;
        _segment = OpenSegment(_segmentSequence);
        _segmentLength = 0;
    }

    /// <summary>Opens a segment for appending; a new one's directory entry is fsynced so the file itself survives power loss.</summary>
    private SafeFileHandle OpenSegment(int sequence)
    {
        string path = WalSegments.PathOf(_options.Directory, sequence);
        bool created = !File.Exists(path);
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        if (created) DirectorySync.Flush(_options.Directory);
        return handle;
    }

    /// <summary>
    /// The <see cref="WalSyncPolicy.Interval"/> fsync. It takes no lock so that a slow fsync never stalls
    /// commits; a segment closed meanwhile throws <see cref="ObjectDisposedException"/> and needs nothing,
    /// because closing a segment fsyncs it.
    /// </summary>
    private void SyncOnTimer(object? state)
    {
        if (Interlocked.Exchange(ref _unsynced, 0) == 0) return;
        try
        {
            RandomAccess.FlushToDisk(_segment);
        }
        catch (ObjectDisposedException)
        {
        }
        catch (IOException e)
        {
            LogSyncFailed(_logger, _options.Directory, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Replayed WAL {Directory}: {Segments} segment(s), {Records} record(s), {Bytes} bytes; appending to segment {Segment}")]
    private static partial void LogReplayed(ILogger logger, string directory, int segments, long records, long bytes, string segment);

    [LoggerMessage(Level = LogLevel.Error, Message = "Periodic fsync of the WAL in {Directory} failed")]
    private static partial void LogSyncFailed(ILogger logger, string directory, Exception exception);
}
