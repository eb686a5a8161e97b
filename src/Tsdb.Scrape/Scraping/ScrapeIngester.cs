using Tsdb.Scrape.Parsing;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// Turns one scraped page into appends for one target: the series text is looked up in the target's
/// <see cref="ScrapeCache"/>, and only a new text has its labels decoded, merged with the target labels,
/// relabeled, checked against the limits and resolved by the storage. A known series costs a lookup and an
/// append by reference, with no allocation. Errors throw; the caller rolls the batch back.
/// The counts describe the last page ingested, however it ended. HELP, TYPE and UNIT entries go to
/// <paramref name="metadata"/> when one is given.
/// </summary>
internal sealed class ScrapeIngester(ScrapeTarget target, ScrapeCache cache, TargetMetadata? metadata = null)
{
    private readonly List<Label> _labels = new(16);

    /// <summary>Samples in the page, before relabeling (<c>scrape_samples_scraped</c>).</summary>
    public int Scraped { get; private set; }

    /// <summary>Samples left after metric relabeling (<c>scrape_samples_post_metric_relabeling</c>).</summary>
    public int PostRelabeling { get; private set; }

    /// <summary>Series not in the cache before this page that got a sample (<c>scrape_series_added</c>).</summary>
    public int SeriesAdded { get; private set; }

    /// <summary>Whether the page had more samples than sample_limit allows.</summary>
    public bool SampleLimitExceeded { get; private set; }

    /// <summary>
    /// Appends every sample of the page at <paramref name="scrapeTimestamp"/> (or its own timestamp under
    /// honor_timestamps), then staleness markers for the series of the previous successful scrape that are
    /// gone. On sample_limit the page is still read to the end, so the scraped count is right.
    /// </summary>
    public async ValueTask IngestAsync(PipeExpositionReader page, IAppender appender, long scrapeTimestamp,
        CancellationToken cancellationToken)
    {
        ResetCounts();
        metadata?.BeginScrape();
        var parser = page.Parser;
        // A text found in the cache matched, byte for byte, one whose labels were checked when it was
        // first seen (ResolveLabels checks them before the text is added), and the checks look at nothing
        // but those bytes: only new texts need them.
        parser.DeferLabelChecks = true;
        EntryKind kind;
        // The parser compares the next series line with the text the cache predicts and, when it is that
        // text, skips scanning it and the cache skips looking it up.
        while ((kind = await NextEntryAsync(page, cancellationToken).ConfigureAwait(false)) != EntryKind.Eof)
        {
            if (kind != EntryKind.Series)
            {
                if (kind is EntryKind.Help or EntryKind.Type or EntryKind.Unit) metadata?.Record(kind, parser);
                continue;
            }
            Scraped++;

            bool isNew = false;
            var entry = parser.SeriesWasExpected ? cache.FindExpected() : cache.Find(parser.Series);
            if (entry is null)
            {
                entry = cache.Add(parser.Series, ResolveLabels(parser));
                isNew = true;
            }
            if (entry.Dropped) continue;
            PostRelabeling++;
            if (target.SampleLimit > 0 && PostRelabeling > target.SampleLimit) SampleLimitExceeded = true;
            if (SampleLimitExceeded) continue;

            long timestamp = scrapeTimestamp;
            bool ownTimestamp = target.HonorTimestamps && parser.Timestamp.HasValue;
            if (ownTimestamp) timestamp = parser.Timestamp!.Value;

            var status = appender.Append(entry.Ref, timestamp, parser.Value);
            if (status == AppendStatus.UnknownSeries)
                status = appender.Append(entry.Labels!, timestamp, parser.Value, out entry.Ref);
            if (isNew && status == AppendStatus.Ok) SeriesAdded++;
            // A series with its own timestamp is not staled by the scrape: its time is the exporter's.
            if (!ownTimestamp) cache.TrackForStaleness(entry);
        }
        if (SampleLimitExceeded) throw new ScrapeException("sample limit exceeded");
        cache.AppendStaleMarkersForVanished(appender, scrapeTimestamp);
    }

    private ValueTask<EntryKind> NextEntryAsync(PipeExpositionReader page, CancellationToken cancellationToken)
    {
        page.Parser.ExpectedSeries = cache.ExpectedText;
        return page.NextAsync(cancellationToken);
    }

    /// <summary>Zeroes the counts, for a scrape that fails before its page is read.</summary>
    public void ResetCounts()
    {
        Scraped = PostRelabeling = SeriesAdded = 0;
        SampleLimitExceeded = false;
    }

    /// <summary>
    /// The final labels of the parser's current series, or null when metric relabeling drops it. Throws
    /// for a malformed label set (decoding the labels checks them).
    /// </summary>
    private Labels? ResolveLabels(ExpositionParser parser)
    {
        _labels.Clear();
        parser.FillLabels(_labels);
        TargetLabelMerge.Apply(_labels, target);
        var labels = Labels.From(_labels);
        if (target.MetricRelabel is { } relabel)
        {
            labels = relabel(labels);
            if (labels is null || labels.Count == 0) return null;
        }
        if (!labels.Has(Labels.MetricName))
            throw new ScrapeException($"missing metric name (__name__ label) after relabeling series {labels}");
        LabelLimits.Check(labels, target);
        return labels;
    }
}
