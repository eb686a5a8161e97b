namespace Tsdb.Scrape.Parsing;

/// <summary>The text exposition formats a scrape can return.</summary>
public enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4 (<c>text/plain; version=0.0.4</c>).</summary>
    PrometheusText,
    /// <summary>OpenMetrics 1.0 text (<c>application/openmetrics-text</c>).</summary>
    OpenMetrics,
}
