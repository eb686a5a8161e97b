namespace Tsdb.Storage.Tests;

/// <summary>
/// The simplest possible store with the head's contract: a sample is checked against what is committed
/// when added, and again, in batch order, when the batch commits.
/// </summary>
internal sealed class SeriesModel
{
    private readonly Dictionary<Labels, List<(long Time, ulong Bits)>> _committed = new();
    private readonly List<(Labels Labels, long Time, ulong Bits)> _pending = new();
    private readonly HashSet<Labels> _known = new();
    private int _outOfOrder, _duplicate, _created;

    public AppendStatus Append(Labels labels, long time, ulong bits)
    {
        if (_known.Add(labels)) _created++;
        var status = Check(labels, time, bits);
        if (status == AppendStatus.OutOfOrder) _outOfOrder++;
        else if (status == AppendStatus.Duplicate) _duplicate++;
        else _pending.Add((labels, time, bits));
        return status;
    }

    public CommitResult Commit()
    {
        int appended = 0;
        foreach (var (labels, time, bits) in _pending)
        {
            var status = Check(labels, time, bits);
            if (status == AppendStatus.OutOfOrder) { _outOfOrder++; continue; }
            if (status == AppendStatus.Duplicate) { _duplicate++; continue; }
            appended++;
            var samples = SamplesOf(labels);
            if (samples.Count == 0 || samples[^1].Time != time) samples.Add((time, bits));
        }
        var result = new CommitResult(appended, _outOfOrder, _duplicate, _created);
        _pending.Clear();
        _outOfOrder = _duplicate = _created = 0;
        return result;
    }

    public List<(Labels Labels, List<(long, ulong)> Samples)> Select(Matcher[] matchers, long mint, long maxt)
    {
        return _committed
            .Where(kv => matchers.All(m => m.Matches(kv.Key.Get(m.Name))))
            .Select(kv => (kv.Key, kv.Value.Where(s => s.Time >= mint && s.Time <= maxt).Select(s => (s.Time, s.Bits)).ToList()))
            .Where(s => s.Item2.Count > 0)
            .OrderBy(s => s.Key)
            .ToList();
    }

    private AppendStatus Check(Labels labels, long time, ulong bits)
    {
        if (!_committed.TryGetValue(labels, out var samples) || samples.Count == 0) return AppendStatus.Ok;
        var (lastTime, lastBits) = samples[^1];
        if (time > lastTime) return AppendStatus.Ok;
        if (time < lastTime) return AppendStatus.OutOfOrder;
        return bits == lastBits ? AppendStatus.Ok : AppendStatus.Duplicate;
    }

    private List<(long Time, ulong Bits)> SamplesOf(Labels labels)
    {
        if (!_committed.TryGetValue(labels, out var samples))
        {
            samples = new List<(long, ulong)>();
            _committed.Add(labels, samples);
        }
        return samples;
    }
}
