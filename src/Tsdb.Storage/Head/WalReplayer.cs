using Microsoft.Extensions.Logging;
using Tsdb.Storage.Wal;

namespace Tsdb.Storage;

/// <summary>Rebuilds the head from write-ahead log records, in log order.</summary>
internal sealed class WalReplayer(Head head)
{
    private readonly List<WalSeries> _series = new();
    private readonly List<WalSample> _samples = new();
    private long _seriesRestored;
    private long _samplesRestored;
    private long _samplesRejected;
    private long _unknownReferences;

    public void Apply(ReadOnlySpan<byte> record)
    {
        switch (WalRecord.Peek(record))
        {
            case WalRecordType.Series:
                WalSeriesRecord.Decode(record, _series);
                foreach (var s in _series) head.Restore(s.Ref, s.Labels);
                _seriesRestored += _series.Count;
                break;
            case WalRecordType.Samples:
                WalSamplesRecord.Decode(record, _samples);
                ApplySamples();
                break;
        }
    }

    private void ApplySamples()
    {
        long min = long.MaxValue, max = long.MinValue;
        foreach (var sample in _samples)
        {
            var series = head.GetByRef(sample.Ref);
            if (series is null)
            {
                _unknownReferences++;
                continue;
            }
            // A sample refused here was refused live too (or two writers raced on one series): skip it.
            if (series.Append(sample.Timestamp, sample.Value) != AppendStatus.Ok)
            {
                _samplesRejected++;
                continue;
            }
            _samplesRestored++;
            min = Math.Min(min, sample.Timestamp);
            max = Math.Max(max, sample.Timestamp);
        }
        if (min <= max) head.ObserveTimeRange(min, max);
    }

    public void Report(ILogger logger)
    {
        logger.LogInformation("WAL replay restored {Series} series and {Samples} samples", _seriesRestored, _samplesRestored);
        if (_samplesRejected > 0)
            logger.LogInformation("WAL replay skipped {Rejected} samples out of order or duplicate, as when first appended", _samplesRejected);
        if (_unknownReferences > 0)
            logger.LogWarning("WAL replay skipped {Unknown} samples of series that were never logged", _unknownReferences);
    }
}
