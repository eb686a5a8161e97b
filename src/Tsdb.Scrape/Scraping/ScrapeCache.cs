using System.Runtime.InteropServices;
using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// A target's memory between scrapes, like Prometheus's scrapeCache. It maps the raw series text of the
/// page to the resolved series, so a series seen before costs a comparison with the text predicted from the
/// last page's order (or, when that fails, a hash lookup) and no allocation; and it
/// remembers which series the previous successful scrape stored, to write staleness markers for those that
/// disappear. Used by one scrape loop at a time.
/// </summary>
internal sealed class ScrapeCache
{
    // A failed scrape keeps the entries it did not see (the target may come back as it was), unless the
    // cache grows this much past its size after the last success: varying series in failing scrapes.
    private const int GrowthAllowedWithoutSuccess = 1000;

    // Scrapes are numbered from 1 and a series never stored has StoredInScrape 0, so this matches none.
    private const long NoScrape = -1;

    // Texts by their xxHash64: with a value-type key the lookup is a specialised probe of a ulong, and the
    // text is compared once to confirm it. A text whose hash another text already holds (a 64-bit
    // collision) goes to _collided, keyed by the text itself.
    private readonly Dictionary<ulong, CachedText> _byHash = new();
    private readonly Dictionary<byte[], CachedText> _collided = new(SeriesTextComparer.Instance);
    private readonly Dictionary<byte[], CachedText>.AlternateLookup<ReadOnlySpan<byte>> _collidedBySpan;

    // Each stored series once: two texts can name the same series (label order, spacing, relabeling) and
    // share its entry, so staleness is decided, and a marker written, once per series.
    private readonly Dictionary<Labels, CachedSeries> _byLabels = new();

    // Most lines are matched by predicting them from the last successful page instead of a lookup.
    private readonly PageOrder _order = new();

    private long _scrape = 1;
    private long _lastSuccess = NoScrape;
    private int _sizeAfterLastSuccess;

    // Counts of this scrape that let the passes over every entry be skipped in the usual case, a page
    // naming the same series as the one before: texts and series seen (nothing to evict when all were),
    // series stored, and series stored that the last success also stored (nothing vanished when that is
    // all the last success stored).
    private int _textsSeen, _seriesSeen, _stored, _storedAgain;
    private int _storedByLastSuccess;

    public ScrapeCache()
    {
        _collidedBySpan = _collided.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The number of series texts remembered.</summary>
    public int Count => _byHash.Count + _collided.Count;

    /// <summary>The number of distinct stored series those texts name (dropped ones aside).</summary>
    public int SeriesCount => _byLabels.Count;

    /// <summary>
    /// The text the page's next series line is predicted to have (the next one of the last successful
    /// page), or null; a caller that finds the line to be exactly this text takes its entry with
    /// <see cref="FindExpected"/>, without a lookup.
    /// </summary>
    public byte[]? ExpectedText => _order.Expected?.Text;

    /// <summary>The entry of <see cref="ExpectedText"/>, which the current line was found to be; marked as seen by this scrape.</summary>
    public CachedSeries FindExpected()
    {
        var text = _order.Expected ?? throw new InvalidOperationException("no series text is expected");
        _order.MatchedExpected();
        return Seen(text);
    }

    /// <summary>The entry for a series text seen before, marked as seen by this scrape; null for a new one.</summary>
    public CachedSeries? Find(ReadOnlySpan<byte> seriesText)
    {
        var expected = _order.Expected;
        if (expected is not null && seriesText.SequenceEqual(expected.Text))
        {
            _order.MatchedExpected();
            return Seen(expected);
        }
        if (!_byHash.TryGetValue(XxHash64.Hash(seriesText), out var text) || !seriesText.SequenceEqual(text.Text))
        {
            if (_collided.Count == 0 || !_collidedBySpan.TryGetValue(seriesText, out text)) return null;
        }
        _order.Found(text);
        return Seen(text);
    }

    /// <summary>Remembers a new series text; <paramref name="labels"/> null means relabeling drops it.</summary>
    public CachedSeries Add(ReadOnlySpan<byte> seriesText, Labels? labels)
    {
        var series = labels is null ? new CachedSeries(null) : SeriesNamed(labels);
        MarkSeen(series);
        var text = new CachedText(seriesText.ToArray(), series, _scrape);
        if (!_byHash.TryAdd(XxHash64.Hash(seriesText), text)) _collided[text.Text] = text;
        _order.Found(text);
        _textsSeen++;
        return series;
    }

    /// <summary>Records that this scrape stored a sample at the scrape time for the series (explicit timestamps are not tracked).</summary>
    public void TrackForStaleness(CachedSeries entry)
    {
        if (entry.StoredInScrape == _scrape) return;
        if (entry.StoredInScrape == _lastSuccess) _storedAgain++;
        _stored++;
        entry.MarkStored(_scrape);
    }

    /// <summary>Appends staleness markers for the series of the last successful scrape that this one did not store.</summary>
    public void AppendStaleMarkersForVanished(IAppender appender, long timestamp)
    {
        if (_lastSuccess == NoScrape || _storedAgain == _storedByLastSuccess) return;
        foreach (var series in _byLabels.Values)
        {
            // Stored by this scrape, its number would have replaced the last success's.
            if (series.StoredInScrape == _lastSuccess) AppendStaleMarker(appender, series, timestamp);
        }
    }

    /// <summary>Appends staleness markers for every series of the last successful scrape (it failed, or the target is gone).</summary>
    public void AppendStaleMarkersForAll(IAppender appender, long timestamp)
    {
        if (_lastSuccess == NoScrape) return;
        foreach (var series in _byLabels.Values)
        {
            bool storedByLastSuccess = series.StoredInScrape == _lastSuccess ||
                (series.StoredInScrape == _scrape && series.StoredBefore == _lastSuccess);
            if (storedByLastSuccess) AppendStaleMarker(appender, series, timestamp);
        }
    }

    /// <summary>
    /// Closes a scrape. After a success its series become the ones to compare the next scrape with, and
    /// entries it did not see are evicted. After a failure nothing is left to compare with (its markers are
    /// written), and entries are kept.
    /// </summary>
    public void EndScrape(bool succeeded)
    {
        bool evict = succeeded || Count > 2 * _sizeAfterLastSuccess + GrowthAllowedWithoutSuccess;
        if (evict) EvictNotSeen();
        _order.EndPage(succeeded);
        if (succeeded)
        {
            _sizeAfterLastSuccess = Count;
            _lastSuccess = _scrape;
            _storedByLastSuccess = _stored;
        }
        else
        {
            _lastSuccess = NoScrape;
        }
        _scrape++;
        _textsSeen = _seriesSeen = _stored = _storedAgain = 0;
    }

    private CachedSeries Seen(CachedText text)
    {
        if (text.LastSeenScrape != _scrape) _textsSeen++;
        text.LastSeenScrape = _scrape;
        MarkSeen(text.Series);
        return text.Series;
    }

    /// <summary>Marks a series as named by this scrape's page, counting the ones the cache keeps by labels.</summary>
    private void MarkSeen(CachedSeries series)
    {
        if (series.LastSeenScrape == _scrape) return;
        series.LastSeenScrape = _scrape;
        if (!series.Dropped) _seriesSeen++;
    }

    private CachedSeries SeriesNamed(Labels labels)
    {
        ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_byLabels, labels, out _);
        return series ??= new CachedSeries(labels);
    }

    // A series is seen whenever one of its texts is, so it is evicted exactly when all its texts are.
    private void EvictNotSeen()
    {
        if (_textsSeen != Count)
        {
            foreach (var (hash, text) in _byHash)
            {
                if (text.LastSeenScrape != _scrape) _byHash.Remove(hash);
            }
            foreach (var (key, text) in _collided)
            {
                if (text.LastSeenScrape != _scrape) _collided.Remove(key);
            }
        }
        if (_seriesSeen != _byLabels.Count)
        {
            foreach (var (labels, series) in _byLabels)
            {
                if (series.LastSeenScrape != _scrape) _byLabels.Remove(labels);
            }
        }
    }

    private static void AppendStaleMarker(IAppender appender, CachedSeries entry, long timestamp)
    {
        if (appender.Append(entry.Ref, timestamp, StaleMarker.Value) == AppendStatus.UnknownSeries)
            appender.Append(entry.Labels!, timestamp, StaleMarker.Value, out entry.Ref);
    }
}
