using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// What one series text of a target's page resolved to: the final labels and the storage reference,
/// or <see cref="Dropped"/> when metric relabeling discards it.
/// </summary>
internal sealed class CachedSeries(Labels? labels)
{
    /// <summary>The labels stored; null when the series is dropped.</summary>
    public Labels? Labels { get; } = labels;

    public bool Dropped => Labels is null;

    /// <summary>The storage's handle, <see cref="SeriesRef.None"/> until the first append.</summary>
    public SeriesRef Ref;

    /// <summary>The number of the last scrape whose page contained this text, for evicting stale entries.</summary>
    public long LastSeenScrape;
}
