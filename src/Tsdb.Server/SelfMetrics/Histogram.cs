using Tsdb.Scrape.Parsing;
using Tsdb.Storage;

namespace Tsdb.Server.SelfMetrics;

/// <summary>Observations counted into cumulative buckets, with their sum and count, optionally split by labels.</summary>
public sealed class Histogram : MetricFamily
{
    /// <summary>The buckets Prometheus uses for its own request durations.</summary>
    public static readonly double[] HttpDurationBuckets = [0.1, 0.2, 0.4, 1, 3, 8, 20, 60, 120];

    private readonly double[] _upperBounds;
    private readonly LabeledChildren<Child> _children;

    public Histogram(string name, string help, double[] upperBounds, params string[] labelNames) : base(name, help, MetricType.Histogram)
    {
        if (upperBounds.Length == 0 || !upperBounds.Zip(upperBounds.Skip(1)).All(p => p.First < p.Second))
            throw new ArgumentException("bucket bounds must be non-empty and strictly increasing", nameof(upperBounds));
        _upperBounds = upperBounds;
        _children = new LabeledChildren<Child>(labelNames, () => new Child(_upperBounds));
    }

    public Child WithLabels(params ReadOnlySpan<string> values) => _children.Get(values);

    internal override void WriteSamples(ExpositionWriter writer)
    {
        foreach (var (labels, child) in _children.Sorted())
        {
            var withLe = new Label[labels.Length + 1];
            labels.CopyTo(withLe, 0);
            long cumulative = 0;
            for (int i = 0; i <= _upperBounds.Length; i++)
            {
                cumulative += child.BucketCount(i);
                var le = i < _upperBounds.Length ? Query.Engine.GoFloatText.FormatPlain(_upperBounds[i]) : "+Inf";
                withLe[^1] = new Label("le", le);
                writer.WriteSample(Name + "_bucket", withLe, cumulative);
            }
            writer.WriteSample(Name + "_sum", labels, child.Sum);
            writer.WriteSample(Name + "_count", labels, cumulative);
        }
    }

    public sealed class Child(double[] upperBounds)
    {
        // One more than the bounds: the last counts what exceeds every bound (+Inf).
        private readonly long[] _counts = new long[upperBounds.Length + 1];
        private AtomicDouble _sum;

        public double Sum => _sum.Value;

        internal long BucketCount(int index) => Interlocked.Read(ref _counts[index]);

        public void Observe(double value)
        {
            int i = 0;
            while (i < upperBounds.Length && value > upperBounds[i]) i++;
            Interlocked.Increment(ref _counts[i]);
            _sum.Add(value);
        }
    }
}
