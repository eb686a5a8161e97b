namespace Tsdb.Scrape.Parsing;

/// <summary>
/// The metric family types of both text formats. <see cref="Unknown"/> is the text format's
/// <c>untyped</c> and OpenMetrics' <c>unknown</c>; the last three exist only in OpenMetrics.
/// </summary>
public enum MetricType
{
    Unknown,
    Counter,
    Gauge,
    Histogram,
    Summary,
    GaugeHistogram,
    StateSet,
    Info,
}
