using FsCheck;
using FsCheck.Fluent;
using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>Invariants of the scrape phase and of merging target labels into scraped ones.</summary>
public class ScrapePropertyTests
{
    [Fact]
    public void FirstScrapeIsWithinOneIntervalAndOnTheTargetsPhase()
    {
        var cases = from hash in ArbMap.Default.GeneratorFor<ulong>()
                    from intervalMs in Gen.Choose(1, 600_000)
                    from now in Gen.Choose(0, int.MaxValue)
                    select (hash, interval: TimeSpan.FromMilliseconds(intervalMs), now: (long)now * 1000 + 1_700_000_000_000_0000L);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var wait = ScrapeOffset.UntilFirstScrape(c.hash, c.interval, c.now);
            long intervalTicks = c.interval.Ticks;
            return wait > TimeSpan.Zero && wait <= c.interval &&
                   (c.now + wait.Ticks) % intervalTicks == (long)(c.hash % (ulong)intervalTicks);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MergeKeepsEveryTargetLabelAndEveryScrapedValue()
    {
        var names = Gen.Elements("job", "instance", "exported_job", "exported_instance", "exported_exported_job", "x", "env");
        var values = Gen.Elements("a", "b", "c", "");
        var labelSet = Gen.ListOf(Gen.Zip(names, values))
            .Select(pairs => pairs.DistinctBy(p => p.Item1).Select(p => new Label(p.Item1, p.Item2)).ToList());
        var cases = from scraped in labelSet
                    from target in labelSet
                    from honor in ArbMap.Default.GeneratorFor<bool>()
                    select (scraped, target, honor);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var target = new ScrapeTarget
            {
                JobName = "j",
                Labels = Labels.From(c.target),
                Url = new Uri("http://h/metrics"),
                Interval = TimeSpan.FromSeconds(1),
                Timeout = TimeSpan.FromSeconds(1),
                HonorLabels = c.honor,
            };
            var merged = new List<Label>(c.scraped);
            TargetLabelMerge.Apply(merged, target);
            var result = Labels.From(merged); // throws on a duplicate name

            var scrapedSet = Labels.From(c.scraped);
            foreach (var label in target.Labels)
            {
                // A target label is present, with its own value unless honor_labels kept a scraped one.
                var expected = c.honor && scrapedSet.Has(label.Name) ? scrapedSet.Get(label.Name) : label.Value;
                if (result.Get(label.Name) != expected) return false;
            }
            foreach (var label in scrapedSet)
            {
                // No scraped value is lost: it is kept under its name or an exported_ prefixed one.
                bool kept = result.Any(l => l.Value == label.Value &&
                    (l.Name == label.Name || (l.Name.EndsWith(label.Name, StringComparison.Ordinal) && l.Name.StartsWith("exported_", StringComparison.Ordinal))));
                if (!kept) return false;
            }
            // Without honor_labels a conflict adds an exported_ label; with it the scraped label stands alone.
            int expectedCount = scrapedSet.Count + (c.honor
                ? target.Labels.Count(l => !scrapedSet.Has(l.Name))
                : target.Labels.Count);
            return result.Count == expectedCount;
        }).QuickCheckThrowOnFailure();
    }
}
