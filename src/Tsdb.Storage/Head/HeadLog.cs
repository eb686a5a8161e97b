using System.Buffers;
using Tsdb.Storage.Wal;

namespace Tsdb.Storage;

/// <summary>The head's use of the write-ahead log: series records when series are created, sample records per commit.</summary>
internal sealed class HeadLog(WriteAheadLog wal) : IDisposable
{
    private readonly Lock _seriesLock = new();
    private readonly ArrayBufferWriter<byte> _seriesBuffer = new(256);
    private readonly WalSeries[] _oneSeries = new WalSeries[1];

    public WriteAheadLog Wal => wal;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_samplesBuffer;

    /// <summary>Logs a new series; it reaches the OS with the next flush, before any sample that refers to it.</summary>
    public void LogSeries(SeriesRef seriesRef, Labels labels)
    {
        lock (_seriesLock)
        {
            _oneSeries[0] = new WalSeries(seriesRef, labels);
            _seriesBuffer.ResetWrittenCount();
            WalSeriesRecord.Encode(_oneSeries, _seriesBuffer);
            wal.Log(_seriesBuffer.WrittenSpan);
        }
    }

    /// <summary>Logs a batch and flushes the log, so the batch is durable before it becomes visible.</summary>
    public void LogSamples(ReadOnlySpan<WalSample> samples)
    {
        if (!samples.IsEmpty)
        {
            var buffer = t_samplesBuffer ??= new ArrayBufferWriter<byte>(64 * 1024);
            buffer.ResetWrittenCount();
            WalSamplesRecord.Encode(samples, buffer);
            wal.Log(buffer.WrittenSpan);
        }
        wal.Flush();
    }

    public void Dispose() => wal.Dispose();
}
