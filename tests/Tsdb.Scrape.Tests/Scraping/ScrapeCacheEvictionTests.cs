using System.Text;
using Tsdb.Scrape.Scraping;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>A successful scrape forgets the texts and series its page no longer names, and only those.</summary>
public class ScrapeCacheEvictionTests
{
    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private static void See(ScrapeCache cache, string text, string value)
    {
        if (cache.Find(Text(text)) is null) cache.Add(Text(text), Labels.FromPairs("__name__", "m", "a", value));
    }

    [Fact]
    public void ASuccessfulScrapeEvictsWhatItsPageNoLongerNames()
    {
        var cache = new ScrapeCache();
        // Two texts name series 1 (label order), one names series 2, one is dropped by relabeling.
        See(cache, "m{a=\"1\"}", "1");
        See(cache, "m{ a=\"1\" }", "1");
        See(cache, "m{a=\"2\"}", "2");
        cache.Add(Text("dropped"), null);
        cache.EndScrape(succeeded: true);
        Assert.Equal((4, 2), (cache.Count, cache.SeriesCount));

        // The same page again: nothing to evict.
        See(cache, "m{a=\"1\"}", "1");
        See(cache, "m{ a=\"1\" }", "1");
        See(cache, "m{a=\"2\"}", "2");
        Assert.NotNull(cache.Find(Text("dropped")));
        cache.EndScrape(succeeded: true);
        Assert.Equal((4, 2), (cache.Count, cache.SeriesCount));

        // One text of series 1 and all of series 2 vanish: series 1 stays through its other text.
        See(cache, "m{a=\"1\"}", "1");
        Assert.NotNull(cache.Find(Text("dropped")));
        cache.EndScrape(succeeded: true);
        Assert.Equal((2, 1), (cache.Count, cache.SeriesCount));

        // A failed scrape that named nothing keeps everything.
        cache.EndScrape(succeeded: false);
        Assert.Equal((2, 1), (cache.Count, cache.SeriesCount));
    }
}
