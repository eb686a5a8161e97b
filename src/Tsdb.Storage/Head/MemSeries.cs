using Tsdb.Storage.Chunks;

namespace Tsdb.Storage;

/// <summary>
/// One series in the head: its identity, its full chunks and the open chunk it appends to.
/// Writers and snapshotting readers synchronise on the instance; full chunks never change again, and are
/// kept as their bytes and bounds only (<see cref="FullChunk"/>).
/// The newest sample's time and value are the open chunk's, so the series keeps no copy of them (16 bytes of
/// every series). The open chunk is a struct inside the series, not an object of its own (24 bytes of every
/// series): it is changed in place under the lock, and only <see cref="MaxTime"/> and
/// <see cref="CheckAppendable"/> read it without, as a first check that <see cref="Append"/> makes again.
/// The label set is kept as its numbers and hash, not as the <see cref="Storage.Labels"/> object (32 bytes of every
/// series): the head compares the numbers, and a query gets a set made around them once per selected series.
/// </summary>
internal sealed class MemSeries
{
    private readonly int[] _labelIds;
    private FullChunk[] _fullChunks = [];
    // A default value (no samples) until the first append; from then on it holds at least one sample.
    private XorChunk _openChunk;

    public MemSeries(SeriesRef seriesRef, Labels labels)
    {
        Ref = seriesRef;
        _labelIds = labels.SharedIds;
        LabelsHash = labels.Hash;
    }

    public SeriesRef Ref { get; }

    /// <summary>The <see cref="Storage.Labels.Hash"/> of the series' labels.</summary>
    public ulong LabelsHash { get; }

    /// <summary>Whether these are the series' labels; allocates nothing.</summary>
    public bool HasLabels(Labels labels) => labels.Ids.SequenceEqual(_labelIds);

    /// <summary>
    /// A new set of the series' labels, sharing its numbers and hash. An allocation: take it once per series
    /// and use, not once per sample or step.
    /// </summary>
    public Labels CreateLabels() => Labels.FromSharedIds(_labelIds, LabelsHash);

    /// <summary>Newest timestamp, read without the lock for an early out-of-order check.</summary>
    public long MaxTime => _openChunk.Count > 0 ? _openChunk.MaxTime : long.MinValue;

    public long MinTime
    {
        get
        {
            lock (this)
            {
                if (_fullChunks.Length > 0) return _fullChunks[0].MinTime;
                return _openChunk.Count > 0 ? _openChunk.MinTime : long.MaxValue;
            }
        }
    }

    /// <summary>Whether a sample could be appended, judged against what is committed.</summary>
    public AppendStatus CheckAppendable(long timestamp, double value)
    {
        if (_openChunk.Count == 0) return AppendStatus.Ok;
        long maxTime = _openChunk.MaxTime;
        if (timestamp > maxTime) return AppendStatus.Ok;
        if (timestamp < maxTime) return AppendStatus.OutOfOrder;
        return BitConverter.DoubleToUInt64Bits(value) == _openChunk.LastValueBits
            ? AppendStatus.Ok
            : AppendStatus.Duplicate;
    }

    /// <summary>
    /// Appends under the series lock. A repeat of the newest sample (same time, same bits) is accepted
    /// without storing it twice, as Prometheus does.
    /// </summary>
    public AppendStatus Append(long timestamp, double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        lock (this)
        {
            int count = _openChunk.Count;
            if (count > 0 && timestamp <= _openChunk.MaxTime)
            {
                if (timestamp < _openChunk.MaxTime) return AppendStatus.OutOfOrder;
                return bits == _openChunk.LastValueBits ? AppendStatus.Ok : AppendStatus.Duplicate;
            }
            if (count > 0 && count < XorChunk.TargetSamples)
            {
                _openChunk.Append(timestamp, value);
                return AppendStatus.Ok;
            }
            if (count > 0)
            {
                var full = new FullChunk[_fullChunks.Length + 1];
                _fullChunks.CopyTo(full, 0);
                full[^1] = _openChunk.Seal();
                _fullChunks = full;
            }
            // The next chunk gets its first sample before it replaces the full one, so that a reader without the
            // lock finds a sample count of zero only before the series' first sample.
            var next = new XorChunk();
            next.Append(timestamp, value);
            _openChunk = next;
            return AppendStatus.Ok;
        }
    }

    /// <summary>
    /// The chunks that may hold samples in [mint, maxt], taken consistently; the open chunk as an
    /// iterator over the samples it holds now.
    /// </summary>
    public SeriesSnapshot Snapshot(long mint, long maxt)
    {
        lock (this)
        {
            if (_openChunk.Count == 0 || _openChunk.MaxTime < mint) return default;
            int first = 0;
            while (first < _fullChunks.Length && _fullChunks[first].MaxTime < mint) first++;
            int end = first;
            while (end < _fullChunks.Length && _fullChunks[end].MinTime <= maxt) end++;
            bool openOverlaps = _openChunk.Count > 0 && _openChunk.MinTime <= maxt;
            var (openBytes, openCount) = openOverlaps ? _openChunk.Published() : (null, 0);
            // A chunk that overlaps the range and begins or ends inside it has a sample there.
            bool knownInRange = false;
            for (int i = first; i < end && !knownInRange; i++)
                knownInRange = _fullChunks[i].MinTime >= mint || _fullChunks[i].MaxTime <= maxt;
            if (openOverlaps && _openChunk.MaxTime >= mint)
                knownInRange |= _openChunk.MinTime >= mint || _openChunk.MaxTime <= maxt;
            return new SeriesSnapshot(new ArraySegment<FullChunk>(_fullChunks, first, end - first), openBytes, openCount, knownInRange);
        }
    }

    /// <summary>Full chunks plus the open one when it holds samples.</summary>
    public int ChunkCount()
    {
        lock (this)
        {
            return _fullChunks.Length + (_openChunk.Count > 0 ? 1 : 0);
        }
    }

    /// <summary>Bytes held by this series' chunks (for memory accounting).</summary>
    public long ChunkBytes()
    {
        lock (this)
        {
            long total = _openChunk.Count > 0 ? _openChunk.ByteSize : 0;
            foreach (var c in _fullChunks) total += c.ByteSize;
            return total;
        }
    }
}
