namespace Tsdb.Storage;

/// <summary>
/// Finds a series by its labels. Striped by hash so that concurrent appenders creating or looking up
/// series rarely wait on each other; equal hashes (practically never) chain through the series.
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

    private sealed class Stripe
    {
        private readonly Dictionary<ulong, MemSeries> _byHash = new();

        public MemSeries? Find(Labels labels)
        {
            if (!_byHash.TryGetValue(labels.Hash, out var series)) return null;
            for (; series is not null; series = series.NextWithSameHash)
            {
                if (series.Labels.Equals(labels)) return series;
            }
            return null;
        }

        public void Add(MemSeries series)
        {
            if (_byHash.TryGetValue(series.Labels.Hash, out var first))
            {
                series.NextWithSameHash = first.NextWithSameHash;
                first.NextWithSameHash = series;
            }
            else
            {
                _byHash.Add(series.Labels.Hash, series);
            }
        }
    }
}
