using Tsdb.Scrape.Parsing;

namespace Tsdb.Server.SelfMetrics;

/// <summary>
/// A counter or gauge whose value is read from elsewhere when /metrics is rendered (the head's series
/// count, a scrape counter), so that the source needs no knowledge of the registry.
/// </summary>
public sealed class ObservedMetric(string name, string help, MetricType type, Func<double> read) : MetricFamily(name, help, type)
{
    internal override void WriteSamples(ExpositionWriter writer) => writer.WriteSample(Name, [], read());
}
