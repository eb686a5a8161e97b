using Tsdb.Scrape.Parsing;

namespace Tsdb.Server.SelfMetrics;

/// <summary>One named metric of the server's own /metrics with its help text, type and samples.</summary>
public abstract class MetricFamily(string name, string help, MetricType type)
{
    public string Name { get; } = name;

    public string Help { get; } = help;

    public MetricType Type { get; } = type;

    /// <summary>Writes the samples (the HELP and TYPE lines are written by the registry).</summary>
    internal abstract void WriteSamples(ExpositionWriter writer);
}
