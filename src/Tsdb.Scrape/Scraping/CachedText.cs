namespace Tsdb.Scrape.Scraping;

/// <summary>
/// A series text as the target writes it, the series it resolved to, the last scrape that contained it and
/// where the last successful page had it (see <see cref="PageOrder"/>).
/// </summary>
internal sealed class CachedText(byte[] text, CachedSeries series, long lastSeenScrape)
{
    public readonly byte[] Text = text;

    public readonly CachedSeries Series = series;

    public long LastSeenScrape = lastSeenScrape;

    /// <summary>The text's position in the last successful page, valid only while that page's order holds it there.</summary>
    public int PagePosition = -1;
}
