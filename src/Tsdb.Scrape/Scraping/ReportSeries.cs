using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// The series a scrape writes about itself, labeled with the target labels: <c>up</c>,
/// <c>scrape_duration_seconds</c>, <c>scrape_samples_scraped</c>,
/// <c>scrape_samples_post_metric_relabeling</c> and <c>scrape_series_added</c>.
/// Their references are kept, so reporting allocates nothing.
/// </summary>
internal sealed class ReportSeries
{
    private static readonly string[] Names =
    [
        "up",
        "scrape_duration_seconds",
        "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling",
        "scrape_series_added",
    ];

    private readonly Labels[] _labels;
    private readonly SeriesRef[] _refs;

    public ReportSeries(ScrapeTarget target)
    {
        _labels = new Labels[Names.Length];
        _refs = new SeriesRef[Names.Length];
        for (int i = 0; i < Names.Length; i++)
            _labels[i] = Labels.From(target.Labels.Append(new Label(Labels.MetricName, Names[i])));
    }

    public void Append(IAppender appender, long timestamp, bool up, TimeSpan duration, ScrapeIngester counts)
    {
        Append(appender, 0, timestamp, up ? 1 : 0);
        Append(appender, 1, timestamp, duration.TotalSeconds);
        Append(appender, 2, timestamp, counts.Scraped);
        Append(appender, 3, timestamp, counts.PostRelabeling);
        Append(appender, 4, timestamp, counts.SeriesAdded);
    }

    /// <summary>Marks all report series stale: the target is gone.</summary>
    public void AppendStaleMarkers(IAppender appender, long timestamp)
    {
        for (int i = 0; i < Names.Length; i++) Append(appender, i, timestamp, StaleMarker.Value);
    }

    private void Append(IAppender appender, int series, long timestamp, double value)
    {
        if (appender.Append(_refs[series], timestamp, value) == AppendStatus.UnknownSeries)
            appender.Append(_labels[series], timestamp, value, out _refs[series]);
    }
}
