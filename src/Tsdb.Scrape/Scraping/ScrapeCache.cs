using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// A target's memory between scrapes, like Prometheus's scrapeCache. It maps the raw series text of the
/// page to the resolved series, so a series seen before costs a hash lookup and no allocation; and it
/// remembers which series the previous successful scrape stored, to write staleness markers for those that
/// disappear. Used by one scrape loop at a time.
/// </summary>
internal sealed class ScrapeCache
{
    // A failed scrape keeps the entries it did not see (the target may come back as it was), unless the
    // cache grows this much past its size after the last success: varying series in failing scrapes.
    private const int GrowthAllowedWithoutSuccess = 1000;

    private readonly Dictionary<byte[], CachedSeries> _byText = new(SeriesTextComparer.Instance);
    private readonly Dictionary<byte[], CachedSeries>.AlternateLookup<ReadOnlySpan<byte>> _byTextSpan;

    // Series stored by the scrape in progress and by the last successful one, by label hash: two texts
    // can name the same series, and one marker per series is enough.
    private Dictionary<ulong, CachedSeries> _current = new();
    private Dictionary<ulong, CachedSeries> _previous = new();

    private long _scrape = 1;
    private int _sizeAfterLastSuccess;

    public ScrapeCache()
    {
        _byTextSpan = _byText.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Count => _byText.Count;

    /// <summary>The entry for a series text seen before, marked as seen by this scrape; null for a new one.</summary>
    public CachedSeries? Find(ReadOnlySpan<byte> seriesText)
    {
        if (!_byTextSpan.TryGetValue(seriesText, out var entry)) return null;
        entry.LastSeenScrape = _scrape;
        return entry;
    }

    /// <summary>Remembers a new series text; <paramref name="labels"/> null means relabeling drops it.</summary>
    public CachedSeries Add(ReadOnlySpan<byte> seriesText, Labels? labels)
    {
        var entry = new CachedSeries(labels) { LastSeenScrape = _scrape };
        _byTextSpan[seriesText] = entry;
        return entry;
    }

    /// <summary>Records that this scrape stored a sample at the scrape time for the series (explicit timestamps are not tracked).</summary>
    public void TrackForStaleness(CachedSeries entry) => _current.TryAdd(entry.Labels!.Hash, entry);

    /// <summary>Appends staleness markers for the series of the last successful scrape that this one did not store.</summary>
    public void AppendStaleMarkersForVanished(IAppender appender, long timestamp)
    {
        foreach (var (hash, entry) in _previous)
        {
            if (!_current.ContainsKey(hash)) AppendStaleMarker(appender, entry, timestamp);
        }
    }

    /// <summary>Appends staleness markers for every series of the last successful scrape (it failed, or the target is gone).</summary>
    public void AppendStaleMarkersForAll(IAppender appender, long timestamp)
    {
        foreach (var entry in _previous.Values) AppendStaleMarker(appender, entry, timestamp);
    }

    /// <summary>
    /// Closes a scrape. After a success its series become the ones to compare the next scrape with, and
    /// entries it did not see are evicted. After a failure nothing is left to compare with (its markers are
    /// written), and entries are kept.
    /// </summary>
    public void EndScrape(bool succeeded)
    {
        bool evict = succeeded || _byText.Count > 2 * _sizeAfterLastSuccess + GrowthAllowedWithoutSuccess;
        if (evict)
        {
            foreach (var (text, entry) in _byText)
            {
                if (entry.LastSeenScrape != _scrape) _byText.Remove(text);
            }
        }
        if (succeeded)
        {
            _sizeAfterLastSuccess = _byText.Count;
            (_previous, _current) = (_current, _previous);
        }
        else
        {
            _previous.Clear();
        }
        _current.Clear();
        _scrape++;
    }

    private static void AppendStaleMarker(IAppender appender, CachedSeries entry, long timestamp)
    {
        if (appender.Append(entry.Ref, timestamp, StaleMarker.Value) == AppendStatus.UnknownSeries)
            appender.Append(entry.Labels!, timestamp, StaleMarker.Value, out entry.Ref);
    }
}
