using System.Collections.Concurrent;
using Tsdb.Storage;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// Maps the raw protobuf bytes of a time series' labels to the storage series they resolved to, so a
/// series seen before costs one hash and one byte comparison instead of decoding and interning its labels.
/// Keyed by xxHash64 of the bytes; the bytes are kept to rule out collisions. Senders encode one series'
/// labels identically from request to request, which is what makes the raw bytes a usable key.
/// Bounded: when full it is emptied and refills with the series still being written, a cheaper policy
/// than tracking recency on every hit. Safe for concurrent requests.
/// </summary>
public sealed class SeriesCache(int capacity)
{
    private readonly ConcurrentDictionary<ulong, Entry> _entries = new();
    private int _count;

    public int Capacity => capacity;

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(ulong hash, ReadOnlySpan<byte> rawLabels, out SeriesRef seriesRef)
    {
        if (_entries.TryGetValue(hash, out var entry) && rawLabels.SequenceEqual(entry.RawLabels))
        {
            seriesRef = entry.Ref;
            return true;
        }
        seriesRef = SeriesRef.None;
        return false;
    }

    /// <summary>Remembers a resolution; a hash collision keeps the newer series, the other one just misses.</summary>
    public void Set(ulong hash, ReadOnlySpan<byte> rawLabels, SeriesRef seriesRef)
    {
        if (Count >= capacity)
        {
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }
        var entry = new Entry(rawLabels.ToArray(), seriesRef);
        bool added = true;
        _entries.AddOrUpdate(hash, entry, (_, _) =>
        {
            added = false;
            return entry;
        });
        if (added) Interlocked.Increment(ref _count);
    }

    /// <summary>Forgets a series the storage no longer knows by its reference.</summary>
    public void Remove(ulong hash)
    {
        if (_entries.TryRemove(hash, out _)) Interlocked.Decrement(ref _count);
    }

    private sealed record Entry(byte[] RawLabels, SeriesRef Ref);
}
