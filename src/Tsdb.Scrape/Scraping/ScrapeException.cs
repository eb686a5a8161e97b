namespace Tsdb.Scrape.Scraping;

/// <summary>
/// A scrape that must be discarded for a reason other than a malformed page: an HTTP status other than
/// 200, an exceeded limit, a sample without a metric name after relabeling.
/// </summary>
public sealed class ScrapeException(string message) : Exception(message);
