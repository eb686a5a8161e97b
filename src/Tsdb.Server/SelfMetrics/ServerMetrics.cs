using Tsdb.Scrape.Parsing;
using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Service;
using Tsdb.Storage;

namespace Tsdb.Server.SelfMetrics;

/// <summary>
/// The metrics the server exposes about itself on /metrics, named as Prometheus names its equivalents so
/// that dashboards built for Prometheus work unchanged.
/// </summary>
public sealed class ServerMetrics
{
    public ServerMetrics(Head head)
    {
        SamplesAppended = Registry.Register(new Counter("prometheus_tsdb_head_samples_appended_total",
            "Total number of appended samples."));
        OutOfOrderSamples = Registry.Register(new Counter("prometheus_tsdb_out_of_order_samples_total",
            "Total number of out of order samples ingestion failed attempts due to out of order being disabled."));
        SeriesCreated = Registry.Register(new Counter("prometheus_tsdb_head_series_created_total",
            "Total number of series created in the head"));
        RemoteWriteSamplesIn = Registry.Register(new Counter("prometheus_remote_storage_samples_in_total",
            "Samples in to remote storage, compare to samples out for queue managers."));
        HttpRequests = Registry.Register(new Counter("prometheus_http_requests_total",
            "Counter of HTTP requests.", "code", "handler"));
        HttpRequestDuration = Registry.Register(new Histogram("prometheus_http_request_duration_seconds",
            "Histogram of latencies for HTTP requests.", Histogram.HttpDurationBuckets, "handler"));
        EngineQueries = Registry.Register(new Gauge("prometheus_engine_queries",
            "The current number of queries being executed or waiting."));
        EngineQueryDuration = Registry.Register(new Histogram("prometheus_engine_query_duration_seconds",
            "Query timings", [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60], "slice"));
        EngineQueryFailures = Registry.Register(new Counter("prometheus_engine_query_failures_total",
            "The number of queries that failed, by error type.", "type"));
        Registry.Register(new ObservedMetric("prometheus_tsdb_head_series", "Total number of series in the head block.",
            MetricType.Gauge, () => head.SeriesCount));
        Registry.Register(new ObservedMetric("prometheus_tsdb_head_chunks", "Total number of chunks in the head block.",
            MetricType.Gauge, () => head.ChunkCount()));
        Registry.Register(new ObservedMetric("prometheus_tsdb_head_min_time",
            "Minimum time bound of the head block. The unit is decided by the library consumer.",
            MetricType.Gauge, () => head.MinTime == long.MaxValue ? 0 : head.MinTime));
        Registry.Register(new ObservedMetric("prometheus_tsdb_head_max_time",
            "Maximum timestamp of the head block. The unit is decided by the library consumer.",
            MetricType.Gauge, () => head.MaxTime == long.MinValue ? 0 : head.MaxTime));
        Registry.Register(new ObservedMetric("prometheus_tsdb_wal_segment_current",
            "Write log segment index that TSDB is currently writing to.", MetricType.Gauge, () => head.Wal?.CurrentSegment ?? 0));
        Registry.Register(new ObservedMetric("prometheus_tsdb_wal_corruptions_total",
            "Total number of WAL corruptions.", MetricType.Counter, () => head.Wal?.ReplayStats.Corruption is null ? 0 : 1));
        Registry.Register(new ObservedMetric("prometheus_tsdb_data_replay_duration_seconds",
            "Time taken to replay the data on disk.", MetricType.Gauge, () => WalReplayDuration.TotalSeconds));
        ProcessMetrics.Register(Registry);
        RuntimeMetrics.Register(Registry);
    }

    public MetricsRegistry Registry { get; } = new();

    /// <summary>How long opening the head took, replay included; set once at start.</summary>
    public TimeSpan WalReplayDuration { get; set; }

    public Counter SamplesAppended { get; }

    public Counter OutOfOrderSamples { get; }

    public Counter SeriesCreated { get; }

    public Counter RemoteWriteSamplesIn { get; }

    public Counter HttpRequests { get; }

    public Histogram HttpRequestDuration { get; }

    public Gauge EngineQueries { get; }

    public Histogram EngineQueryDuration { get; }

    public Counter EngineQueryFailures { get; }

    /// <summary>Exposes a scrape manager's counters under Prometheus's scrape metric names.</summary>
    public void ObserveScrapes(ScrapeCounters counters)
    {
        Registry.Register(new ObservedMetric("prometheus_target_scrapes_total", "Total number of scrapes.",
            MetricType.Counter, () => counters.Scrapes));
        Registry.Register(new ObservedMetric("prometheus_target_scrapes_failed_total", "Total number of failed scrapes.",
            MetricType.Counter, () => counters.Failures));
        Registry.Register(new ObservedMetric("prometheus_target_scrapes_samples_appended_total",
            "Total number of samples appended by scrapes.", MetricType.Counter, () => counters.SamplesAppended));
        Registry.Register(new ObservedMetric("prometheus_target_scrapes_sample_out_of_order_total",
            "Total number of samples rejected due to not being out of the expected order.", MetricType.Counter, () => counters.OutOfOrder));
        Registry.Register(new ObservedMetric("prometheus_target_scrapes_sample_duplicate_timestamp_total",
            "Total number of samples rejected due to duplicate timestamps but different values.", MetricType.Counter, () => counters.Duplicates));
        Registry.Register(new ObservedMetric("prometheus_target_scrapes_exceeded_sample_limit_total",
            "Total number of scrapes that hit the sample limit and were rejected.", MetricType.Counter, () => counters.SampleLimitExceeded));
    }

    /// <summary>The full collections <see cref="Memory.HeapTrimmer"/> ran (also counted in generation 2's collections).</summary>
    public void ObserveHeapTrims(Func<long> trims) =>
        Registry.Register(new ObservedMetric("tsdb_heap_trims_total",
            "Full compacting collections run once the server went quiet, to return the memory the collector kept beyond the live heap.",
            MetricType.Counter, () => trims()));

    /// <summary>The collections <see cref="Memory.YoungGenerationCollector"/> ran (also counted in generation 0's collections).</summary>
    public void ObserveYoungCollections(Func<long> collections) =>
        Registry.Register(new ObservedMetric("tsdb_young_collections_total",
            $"Collections of the young generation run as a request ended, once {Memory.YoungCollectionSchedule.AllocationBetweenCollections >> 20} MiB were allocated since the last.",
            MetricType.Counter, () => collections()));

    /// <summary>Exposes whether the last configuration (re)load succeeded, and when one last did.</summary>
    public void ObserveConfigReloads(Func<ConfigReloadStatus> status)
    {
        Registry.Register(new ObservedMetric("prometheus_config_last_reload_successful",
            "Whether the last configuration reload attempt was successful.", MetricType.Gauge, () => status().Successful ? 1 : 0));
        Registry.Register(new ObservedMetric("prometheus_config_last_reload_success_timestamp_seconds",
            "Timestamp of the last successful configuration reload.", MetricType.Gauge, () => status().LastSuccessTimestampSeconds));
    }
}
