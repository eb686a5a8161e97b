using Tsdb.Storage.Wal;

namespace Tsdb.Storage;

/// <summary>
/// Collects a batch for the head. On commit the batch is logged and flushed to the write-ahead log first,
/// then applied series by series; buffers are kept between batches so steady appending allocates nothing.
/// </summary>
internal sealed class HeadAppender : IAppender
{
    private readonly Head _head;
    private MemSeries[] _series = new MemSeries[64];
    private WalSample[] _samples = new WalSample[64];
    private int _count;
    private int _outOfOrder;
    private int _duplicate;
    private int _created;

    public HeadAppender(Head head)
    {
        _head = head;
    }

    public AppendStatus Append(Labels labels, long timestamp, double value, out SeriesRef seriesRef)
    {
        var series = _head.GetOrCreate(labels, out bool created);
        if (created) _created++;
        seriesRef = series.Ref;
        return Add(series, timestamp, value);
    }

    public AppendStatus Append(SeriesRef seriesRef, long timestamp, double value)
    {
        var series = _head.GetByRef(seriesRef);
        return series is null ? AppendStatus.UnknownSeries : Add(series, timestamp, value);
    }

    private AppendStatus Add(MemSeries series, long timestamp, double value)
    {
        var status = series.CheckAppendable(timestamp, value);
        switch (status)
        {
            case AppendStatus.OutOfOrder:
                _outOfOrder++;
                return status;
            case AppendStatus.Duplicate:
                _duplicate++;
                return status;
        }
        if (_count == _series.Length)
        {
            Array.Resize(ref _series, _count * 2);
            Array.Resize(ref _samples, _count * 2);
        }
        _series[_count] = series;
        _samples[_count] = new WalSample(series.Ref, timestamp, value);
        _count++;
        return AppendStatus.Ok;
    }

    public CommitResult Commit()
    {
        var pending = _samples.AsSpan(0, _count);
        _head.Log?.LogSamples(pending);

        int appended = 0;
        long min = long.MaxValue, max = long.MinValue;
        for (int i = 0; i < pending.Length; i++)
        {
            ref readonly var sample = ref pending[i];
            switch (_series[i].Append(sample.Timestamp, sample.Value))
            {
                case AppendStatus.Ok:
                    appended++;
                    if (sample.Timestamp < min) min = sample.Timestamp;
                    if (sample.Timestamp > max) max = sample.Timestamp;
                    break;
                case AppendStatus.OutOfOrder:
                    _outOfOrder++;
                    break;
                case AppendStatus.Duplicate:
                    _duplicate++;
                    break;
            }
        }
        if (appended > 0) _head.ObserveTimeRange(min, max);
        var result = new CommitResult(appended, _outOfOrder, _duplicate, _created);
        Reset();
        return result;
    }

    public void Rollback() => Reset();

    private void Reset()
    {
        Array.Clear(_series, 0, _count);
        _count = 0;
        _outOfOrder = 0;
        _duplicate = 0;
        _created = 0;
    }
}
