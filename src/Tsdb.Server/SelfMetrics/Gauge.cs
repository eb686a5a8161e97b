using Tsdb.Scrape.Parsing;

namespace Tsdb.Server.SelfMetrics;

/// <summary>A value that goes up and down.</summary>
public sealed class Gauge(string name, string help) : MetricFamily(name, help, MetricType.Gauge)
{
    private AtomicDouble _value;

    public double Value => _value.Value;

    public void Inc() => _value.Add(1);

    public void Dec() => _value.Add(-1);

    public void Set(double value) => _value.Set(value);

    internal override void WriteSamples(ExpositionWriter writer) => writer.WriteSample(Name, [], _value.Value);
}
