using Tsdb.Scrape.Parsing;
using Tsdb.Storage;

namespace Tsdb.Server.SelfMetrics;

/// <summary>
/// The garbage collector's work, the counterpart of the go_gc_* and go_memstats_* metrics a Prometheus server
/// exposes: how often each generation was collected, how long the process was paused for it, how much was
/// allocated and how big the managed heap is. Allocation and collections are where query and ingest load
/// turn into CPU time besides the work itself.
/// </summary>
public static class RuntimeMetrics
{
    public static void Register(MetricsRegistry registry)
    {
        registry.Register(new GenerationCollections());
        registry.Register(new ObservedMetric("dotnet_gc_pause_seconds_total", "Total time the runtime was paused for garbage collections.",
            MetricType.Counter, () => GC.GetTotalPauseDuration().TotalSeconds));
        registry.Register(new ObservedMetric("dotnet_gc_allocated_bytes_total", "Total bytes allocated on the managed heap.",
            MetricType.Counter, () => GC.GetTotalAllocatedBytes()));
        registry.Register(new ObservedMetric("dotnet_gc_heap_size_bytes", "Managed heap size after the last garbage collection, fragmentation included.",
            MetricType.Gauge, () => GC.GetGCMemoryInfo().HeapSizeBytes));
    }

    /// <summary>One counter per generation, as <c>dotnet_gc_collections_total{generation="0"}</c> and so on.</summary>
    private sealed class GenerationCollections() : MetricFamily("dotnet_gc_collections_total",
        "Garbage collections of each generation (a collection of a generation also collects the younger ones).", MetricType.Counter)
    {
        private static readonly Label[][] GenerationLabels =
            [.. Enumerable.Range(0, GC.MaxGeneration + 1).Select(g => new[] { new Label("generation", g.ToString(System.Globalization.CultureInfo.InvariantCulture)) })];

        internal override void WriteSamples(ExpositionWriter writer)
        {
            for (int generation = 0; generation < GenerationLabels.Length; generation++)
                writer.WriteSample(Name, GenerationLabels[generation], GC.CollectionCount(generation));
        }
    }
}
