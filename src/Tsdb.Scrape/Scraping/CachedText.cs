namespace Tsdb.Scrape.Scraping;

/// <summary>A series text as the target writes it, the series it resolved to, and the last scrape that contained it.</summary>
internal struct CachedText(byte[] text, CachedSeries series, long lastSeenScrape)
{
    public readonly byte[] Text = text;

    public readonly CachedSeries Series = series;

    public long LastSeenScrape = lastSeenScrape;
}
