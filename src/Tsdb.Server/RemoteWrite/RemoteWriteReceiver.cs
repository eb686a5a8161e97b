using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Storage;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// Stores remote write 1.0 requests (snappy-compressed <c>prometheus.WriteRequest</c>), answering as
/// Prometheus 2.42 does: 204 when stored; 400 with the reason for a body that cannot be decoded, holds
/// invalid labels, or has a sample out of order or duplicated, in which case nothing of the request is
/// stored (Prometheus rolls the whole batch back, so the sender drops it instead of retrying); 413 for a
/// body over the size limit; 500 when storage fails, so the sender retries. A request is decoded and
/// validated in full before its first sample is appended. Safe for concurrent requests.
/// </summary>
public sealed class RemoteWriteReceiver(IAppendable storage, long maxBodyBytes, int seriesCacheCapacity = RemoteWriteReceiver.DefaultSeriesCacheCapacity, ILogger? logger = null)
{
    public const long DefaultMaxBodyBytes = 32L << 20;
    public const int DefaultSeriesCacheCapacity = 1 << 20;

    // Prometheus's texts for these errors, which senders log.
    public const string OutOfOrderMessage = "out of order sample";
    public const string DuplicateMessage = "duplicate sample for timestamp";

    private readonly SeriesCache _cache = new(seriesCacheCapacity);
    private readonly ConcurrentBag<Worker> _idle = [];
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public long MaxBodyBytes => maxBodyBytes;

    public SeriesCache Cache => _cache;

    public RemoteWriteResult Handle(ReadOnlySpan<byte> body)
    {
        if (body.Length > maxBodyBytes)
            return TooLarge($"request body of {body.Length} bytes exceeds the limit of {maxBodyBytes} bytes");
        int decodedLength;
        try
        {
            decodedLength = SnappyBlock.DecodedLength(body);
        }
        catch (RemoteWriteFormatException e)
        {
            return BadRequest(e.Message);
        }
        if (decodedLength > maxBodyBytes)
            return TooLarge($"decompressed request of {decodedLength} bytes exceeds the limit of {maxBodyBytes} bytes");

        byte[] buffer = RemoteWriteBuffers.Pool.Rent(Math.Max(decodedLength, 1));
        var worker = _idle.TryTake(out var idle) ? idle : new Worker(storage.Appender());
        try
        {
            var request = buffer.AsSpan(0, decodedLength);
            try
            {
                SnappyBlock.Decode(body, request);
                worker.Decoder.Decode(request, _cache);
            }
            catch (RemoteWriteFormatException e)
            {
                return BadRequest(e.Message);
            }
            return Append(worker, request);
        }
        finally
        {
            worker.Decoder.Reset();
            _idle.Add(worker);
            RemoteWriteBuffers.Pool.Return(buffer);
        }
    }

    private RemoteWriteResult Append(Worker worker, ReadOnlySpan<byte> request)
    {
        var appender = worker.Appender;
        var samples = worker.Decoder.Samples;
        var series = worker.Decoder.Series;
        foreach (ref readonly var s in series)
        {
            var seriesRef = s.Ref;
            for (int i = 0; i < s.SampleCount; i++)
            {
                var sample = samples[s.FirstSample + i];
                var status = seriesRef.IsNone
                    ? AppendNew(appender, s, request, sample, out seriesRef)
                    : appender.Append(seriesRef, sample.Timestamp, sample.Value);
                if (status == AppendStatus.UnknownSeries)
                {
                    // The series left the head since it was cached: resolve it again by its labels.
                    _cache.Remove(s.Key);
                    status = AppendNew(appender, s, request, sample, out seriesRef);
                }
                if (status is AppendStatus.OutOfOrder or AppendStatus.Duplicate)
                {
                    appender.Rollback();
                    var message = status == AppendStatus.OutOfOrder ? OutOfOrderMessage : DuplicateMessage;
                    _logger.LogWarning("Rejected remote write request: {Reason} for series {Series} at timestamp {Timestamp}",
                        message, s.Labels?.ToString() ?? WriteRequestDecoder.BuildLabels(request.Slice(s.LabelsOffset, s.LabelsLength), s.LabelsOffset).ToString(),
                        sample.Timestamp);
                    return BadRequest(message);
                }
            }
        }
        CommitResult committed;
        try
        {
            committed = appender.Commit();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            appender.Rollback();
            _logger.LogError(e, "Remote write commit failed");
            return new RemoteWriteResult(500, e.Message, 0, 0, 0);
        }
        return new RemoteWriteResult(204, string.Empty, series.Length, committed.Appended, committed.SeriesCreated);
    }

    private AppendStatus AppendNew(IAppender appender, in DecodedSeries s, ReadOnlySpan<byte> request, DecodedSample sample, out SeriesRef seriesRef)
    {
        var raw = request.Slice(s.LabelsOffset, s.LabelsLength);
        var labels = s.Labels ?? WriteRequestDecoder.BuildLabels(raw, s.LabelsOffset);
        var status = appender.Append(labels, sample.Timestamp, sample.Value, out seriesRef);
        if (s.Cacheable) _cache.Set(s.Key, seriesRef);
        return status;
    }

    private RemoteWriteResult BadRequest(string message)
    {
        _logger.LogDebug("Bad remote write request: {Reason}", message);
        return new RemoteWriteResult(400, message, 0, 0, 0);
    }

    private static RemoteWriteResult TooLarge(string message) => new(413, message, 0, 0, 0);

    /// <summary>Per-request state kept between requests: decoding buffers and an appender.</summary>
    private sealed class Worker(IAppender appender)
    {
        public WriteRequestDecoder Decoder { get; } = new();
        public IAppender Appender { get; } = appender;
    }
}
