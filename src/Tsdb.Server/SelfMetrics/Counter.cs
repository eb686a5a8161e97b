using Tsdb.Scrape.Parsing;
using Tsdb.Storage;

namespace Tsdb.Server.SelfMetrics;

/// <summary>A monotonically increasing count, optionally split by labels.</summary>
public sealed class Counter : MetricFamily
{
    private readonly LabeledChildren<Child> _children;
    private readonly Child _unlabeled = new();
    private readonly bool _hasLabels;

    public Counter(string name, string help, params string[] labelNames) : base(name, help, MetricType.Counter)
    {
        _hasLabels = labelNames.Length > 0;
        _children = new LabeledChildren<Child>(labelNames, static () => new Child());
    }

    public void Inc(double delta = 1) => _unlabeled.Add(delta);

    public Child WithLabels(params ReadOnlySpan<string> values) => _children.Get(values);

    public double Value => _unlabeled.Value;

    internal override void WriteSamples(ExpositionWriter writer)
    {
        if (!_hasLabels)
        {
            writer.WriteSample(Name, [], _unlabeled.Value);
            return;
        }
        foreach (var (labels, child) in _children.Sorted()) writer.WriteSample(Name, labels, child.Value);
    }

    public sealed class Child
    {
        private AtomicDouble _value;

        public double Value => _value.Value;

        public void Inc() => _value.Add(1);

        public void Add(double delta)
        {
            if (delta < 0) throw new ArgumentOutOfRangeException(nameof(delta), "a counter cannot decrease");
            _value.Add(delta);
        }
    }
}
