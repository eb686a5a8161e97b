using Tsdb.Storage;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// Maps the raw protobuf bytes of a time series' labels to the storage series they resolved to, so a
/// series seen before costs two hashes instead of decoding and interning its labels. Senders encode one
/// series' labels identically from request to request, which is what makes the raw bytes a usable key.
/// </summary>
/// <remarks>
/// <para>An entry is the 96-bit <see cref="RawLabelsKey"/> and a 32-bit reference, 16 bytes in an
/// open-addressing table, instead of a copy of the label bytes (about 100-200 bytes a series) in a node of a
/// general dictionary: at 100,000 series that was 230 bytes a series, more than any part of the series
/// itself. References that do not fit in 32 bits (never, from the head) are not cached.</para>
/// <para>Bounded: when full it is emptied and refills with the series still being written, a cheaper
/// policy than tracking recency on every hit. Safe for concurrent requests: the table is striped by hash,
/// each stripe behind its own lock, so that a reader never sees half of an entry.</para>
/// </remarks>
public sealed class SeriesCache
{
    private const int StripeCount = 16;

    private readonly Stripe[] _stripes = new Stripe[StripeCount];
    private readonly int _capacity;
    private int _count;

    public SeriesCache(int capacity)
    {
        _capacity = capacity;
        for (int i = 0; i < StripeCount; i++) _stripes[i] = new Stripe();
    }

    public int Capacity => _capacity;

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(in RawLabelsKey key, out SeriesRef seriesRef)
    {
        var stripe = StripeOf(key);
        lock (stripe) return stripe.TryGet(key, out seriesRef);
    }

    /// <summary>Remembers a resolution, replacing what the key resolved to before.</summary>
    public void Set(in RawLabelsKey key, SeriesRef seriesRef)
    {
        if (seriesRef.IsNone || seriesRef.Value > uint.MaxValue) return;
        if (Count >= _capacity) Clear();
        var stripe = StripeOf(key);
        bool added;
        lock (stripe) added = stripe.Set(key, seriesRef);
        if (added) Interlocked.Increment(ref _count);
    }

    /// <summary>Forgets a series the storage no longer knows by its reference.</summary>
    public void Remove(in RawLabelsKey key)
    {
        var stripe = StripeOf(key);
        bool removed;
        lock (stripe) removed = stripe.Remove(key);
        if (removed) Interlocked.Decrement(ref _count);
    }

    private void Clear()
    {
        foreach (var stripe in _stripes)
        {
            int removed;
            lock (stripe) removed = stripe.Clear();
            Interlocked.Add(ref _count, -removed);
        }
    }

    // The low 32 bits of the hash pick the slot inside a stripe, so the stripe comes from the high ones.
    private Stripe StripeOf(in RawLabelsKey key) => _stripes[(int)(key.Hash >> 60)];

    /// <summary>
    /// A linear-probing table (<see cref="LinearProbing"/>) whose empty slots hold reference 0 (<see cref="SeriesRef.None"/>):
    /// 23 bytes an entry on average, against 31 when tables doubled at 3/4 full. Lookups probe a few more slots,
    /// each in the same cache line as the last for the most part.
    /// </summary>
    private sealed class Stripe
    {
        private const int InitialSlots = 64;

        private Entry[] _slots = new Entry[InitialSlots];
        private int _count;

        public bool TryGet(in RawLabelsKey key, out SeriesRef seriesRef)
        {
            var slots = _slots;
            for (int i = LinearProbing.Home((uint)key.Hash, slots.Length); ; i = LinearProbing.Next(i, slots.Length))
            {
                ref readonly var slot = ref slots[i];
                if (slot.IsEmpty) break;
                if (slot.Holds(key))
                {
                    seriesRef = new SeriesRef(slot.Ref);
                    return true;
                }
            }
            seriesRef = SeriesRef.None;
            return false;
        }

        /// <summary>True when the key was not there before.</summary>
        public bool Set(in RawLabelsKey key, SeriesRef seriesRef)
        {
            if (LinearProbing.MustGrow(_count, _slots.Length)) Grow();
            ref var slot = ref FindSlot(_slots, key);
            bool added = slot.IsEmpty;
            slot = new Entry(key.Hash, key.Check, (uint)seriesRef.Value);
            if (added) _count++;
            return added;
        }

        public bool Remove(in RawLabelsKey key)
        {
            int size = _slots.Length;
            int hole = LinearProbing.Home((uint)key.Hash, size);
            while (true)
            {
                if (_slots[hole].IsEmpty) return false;
                if (_slots[hole].Holds(key)) break;
                hole = LinearProbing.Next(hole, size);
            }
            // Backward-shift deletion: later entries of the run that may sit at or before the hole move into
            // it, so that no lookup stops early at an empty slot and no tombstones build up.
            for (int next = LinearProbing.Next(hole, size); !_slots[next].IsEmpty; next = LinearProbing.Next(next, size))
            {
                int home = LinearProbing.Home((uint)_slots[next].Hash, size);
                bool movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
                if (movable)
                {
                    _slots[hole] = _slots[next];
                    hole = next;
                }
            }
            _slots[hole] = default;
            _count--;
            return true;
        }

        /// <summary>Empties the stripe, returning to its initial size; returns how many entries it held.</summary>
        public int Clear()
        {
            int removed = _count;
            _slots = new Entry[InitialSlots];
            _count = 0;
            return removed;
        }

        private void Grow()
        {
            var grown = new Entry[LinearProbing.GrownSize(_slots.Length)];
            foreach (var entry in _slots)
            {
                if (!entry.IsEmpty) FindSlot(grown, new RawLabelsKey(entry.Hash, entry.Check)) = entry;
            }
            _slots = grown;
        }

        /// <summary>The slot holding the key, or the empty slot where it belongs.</summary>
        private static ref Entry FindSlot(Entry[] slots, in RawLabelsKey key)
        {
            int i = LinearProbing.Home((uint)key.Hash, slots.Length);
            while (!slots[i].IsEmpty && !slots[i].Holds(key)) i = LinearProbing.Next(i, slots.Length);
            return ref slots[i];
        }
    }

    private readonly record struct Entry(ulong Hash, uint Check, uint Ref)
    {
        public bool IsEmpty => Ref == 0;

        public bool Holds(in RawLabelsKey key) => Hash == key.Hash && Check == key.Check;
    }
}
