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
    /// A linear-probing table of series, at most 3/4 full; a series' slot follows from its labels' hash, so
    /// series with equal hashes simply sit in neighbouring slots. 8 bytes a slot, against 24 for an entry of
    /// a dictionary plus its bucket, and no link in the series for equal hashes.
    /// </summary>
    private sealed class Stripe
    {
        private MemSeries?[] _slots = new MemSeries?[8];
        private int _count;

        public MemSeries? Find(Labels labels)
        {
            var slots = _slots;
            int mask = slots.Length - 1;
            // The stripe index used the low bits of the hash, so the slot starts from the next ones.
            for (int i = SlotOf(labels.Hash, mask); ; i = (i + 1) & mask)
            {
                var series = slots[i];
                if (series is null) return null;
                if (series.HasLabels(labels)) return series;
            }
        }

        public void Add(MemSeries series)
        {
            if ((_count + 1) * 4 > _slots.Length * 3)
            {
                var grown = new MemSeries?[_slots.Length * 2];
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
            int mask = slots.Length - 1;
            int i = SlotOf(series.LabelsHash, mask);
            while (slots[i] is not null) i = (i + 1) & mask;
            slots[i] = series;
        }

        private static int SlotOf(ulong hash, int mask) => (int)(hash / StripeCount) & mask;
    }
}
