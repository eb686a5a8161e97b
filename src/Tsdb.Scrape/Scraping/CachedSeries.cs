using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// One series of a target's pages: the final labels and the storage reference, or <see cref="Dropped"/>
/// when metric relabeling discards it. Every text of the page that names the series shares this entry, so
/// its staleness is tracked once per series, by scrape numbers instead of per-scrape sets.
/// </summary>
internal sealed class CachedSeries(Labels? labels)
{
    /// <summary>The labels stored; null when the series is dropped.</summary>
    public Labels? Labels { get; } = labels;

    public bool Dropped => Labels is null;

    /// <summary>The storage's handle, <see cref="SeriesRef.None"/> until the first append.</summary>
    public SeriesRef Ref;

    /// <summary>The number of the last scrape whose page named this series, for evicting it.</summary>
    public long LastSeenScrape;

    /// <summary>The number of the last scrape that stored a sample at the scrape time for this series; 0 for none.</summary>
    public long StoredInScrape;

    /// <summary>The value <see cref="StoredInScrape"/> had before the scrape that set it.</summary>
    public long StoredBefore;

    /// <summary>Records that scrape <paramref name="scrape"/> stored a sample for the series, keeping the scrape that did so before.</summary>
    public void MarkStored(long scrape)
    {
        if (StoredInScrape == scrape) return;
        StoredBefore = StoredInScrape;
        StoredInScrape = scrape;
    }
}
