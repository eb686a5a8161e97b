using Tsdb.Scrape.Parsing;

namespace Tsdb.Server.Api;

/// <summary>Metric types as /api/v1/metadata names them (Prometheus's model names: untyped is "unknown").</summary>
public static class MetricTypeNames
{
    public static string Of(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        MetricType.Summary => "summary",
        MetricType.GaugeHistogram => "gaugehistogram",
        MetricType.StateSet => "stateset",
        MetricType.Info => "info",
        _ => "unknown",
    };
}
