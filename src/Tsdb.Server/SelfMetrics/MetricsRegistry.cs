using Tsdb.Scrape.Parsing;

namespace Tsdb.Server.SelfMetrics;

/// <summary>The server's own metrics, rendered in the Prometheus text format for /metrics.</summary>
public sealed class MetricsRegistry
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    public T Register<T>(T family) where T : MetricFamily
    {
        lock (_lock)
        {
            if (!_families.TryAdd(family.Name, family))
                throw new InvalidOperationException($"metric {family.Name} is already registered");
        }
        return family;
    }

    /// <summary>Writes every family, sorted by name, in text format 0.0.4.</summary>
    public void Render(TextWriter output)
    {
        MetricFamily[] families;
        lock (_lock) families = [.. _families.Values];
        var writer = new ExpositionWriter(output, ExpositionFormat.PrometheusText);
        foreach (var family in families)
        {
            writer.WriteHelp(family.Name, family.Help);
            writer.WriteType(family.Name, family.Type);
            family.WriteSamples(writer);
        }
    }
}
