namespace Tsdb.Storage;

/// <summary>
/// Finds a series by its labels. Striped by hash so that concurrent appenders creating or looking up
/// series rarely wait on each other.
/// </summary>
internal sealed class SeriesByHash
{
    private const int StripeCount = 1024;

    private readonly Stripe[] _stripes;

    public SeriesByHash()
    {
        _stripes = new Stripe[StripeCount];
        for (int i = 0; i < StripeCount; i++) _stripes[i] = new Stripe();
    }

    public MemSeries? Get(Labels labels)
    {
        var stripe = StripeOf(labels.Hash);
        lock (stripe) return stripe.Find(labels);
    }

    /// <summary>
    /// Returns the series with these labels, creating it with <paramref name="create"/> while the stripe is
    /// held so that two appenders never create the same series twice.
    /// </summary>
    public MemSeries GetOrAdd(Labels labels, Func<Labels, MemSeries> create, out bool created)
    {
        var stripe = StripeOf(labels.Hash);
        lock (stripe)
        {
            var existing = stripe.Find(labels);
            if (existing is not null)
            {
                created = false;
                return existing;
            }
            var series = create(labels);
            stripe.Add(series);
            created = true;
            return series;
        }
    }

    private Stripe StripeOf(ulong hash) => _stripes[(int)(hash % StripeCount)];

    /// <summary>
    /// A linear-probing table of series (<see cref="LinearProbing"/>); a series' slot follows from its labels' hash,
    /// so series with equal hashes simply sit in neighbouring slots. 8 bytes a slot, against 24 for an entry of a
    /// dictionary plus its bucket, and no link in the series for equal hashes. Lookups by labels are rare (a series'
    /// first sample, a sender's cache missing), so the few more slots a fuller table probes cost little; the hashes
    /// are compared before the labels.
    /// </summary>
    private sealed class Stripe
    {
        private MemSeries?[] _slots = new MemSeries?[8];
        private int _count;

        public MemSeries? Find(Labels labels)
        {
            var slots = _slots;
            ulong hash = labels.Hash;
            for (int i = SlotOf(hash, slots.Length); ; i = LinearProbing.Next(i, slots.Length))
            {
                var series = slots[i];
                if (series is null) return null;
                if (series.LabelsHash == hash && series.HasLabels(labels)) return series;
            }
        }

        public void Add(MemSeries series)
        {
            if (LinearProbing.MustGrow(_count, _slots.Length))
            {
                var grown = new MemSeries?[LinearProbing.GrownSize(_slots.Length)];
                foreach (var existing in _slots)
                {
                    if (existing is not null) Place(grown, existing);
                }
                _slots = grown;
            }
            Place(_slots, series);
            _count++;
        }

        private static void Place(MemSeries?[] slots, MemSeries series)
        {
            int i = SlotOf(series.LabelsHash, slots.Length);
            while (slots[i] is not null) i = LinearProbing.Next(i, slots.Length);
            slots[i] = series;
        }

        /// <summary>The slot a hash starts from: the stripe index used its low bits, so the next 32 pick the slot.</summary>
        private static int SlotOf(ulong hash, int size) => LinearProbing.Home((uint)(hash / StripeCount), size);
    }
}
