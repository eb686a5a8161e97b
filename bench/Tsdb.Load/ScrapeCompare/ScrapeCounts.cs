using System.Globalization;
using Tsdb.Load.Queries;

namespace Tsdb.Load.ScrapeCompare;

/// <summary>
/// What a system says it scraped in the measured window, asked of its own query API with the same PromQL
/// for every system: targets known, scrapes, successful scrapes and samples scraped (from the
/// <c>up</c> and <c>scrape_samples_scraped</c> series every scraper writes for each scrape).
/// </summary>
public sealed record ScrapeCounts(int Targets, long Scrapes, long SuccessfulScrapes, long FewestScrapesOfATarget, long SamplesScraped)
{
    public static async Task<ScrapeCounts> QueryAsync(PromApiClient api, TimeSpan window, long endMs, CancellationToken cancellationToken)
    {
        string range = $"[{(long)window.TotalSeconds}s]";
        string up = $"up{{job=\"{ScrapeConfigFile.JobName}\"}}";
        string samples = $"scrape_samples_scraped{{job=\"{ScrapeConfigFile.JobName}\"}}";
        async Task<long> Ask(string query) => (long)Math.Round(await api.InstantSumAsync(query, endMs, cancellationToken));
        return new ScrapeCounts(
            (int)await Ask($"count({up})"),
            await Ask($"sum(count_over_time({up}{range}))"),
            await Ask($"sum(sum_over_time({up}{range}))"),
            await Ask($"min(count_over_time({up}{range}))"),
            await Ask($"sum(sum_over_time({samples}{range}))"));
    }

    /// <summary>
    /// Why these counts show missed or failed scrapes, or null when they do not: every target known and
    /// scraped on schedule (one scrape of slack per target for the window's edges), every scrape successful,
    /// and every scrape holding the whole page.
    /// </summary>
    public string? Problem(int targets, int seriesPerTarget, TimeSpan window, TimeSpan interval)
    {
        long expectedPerTarget = (long)(window / interval);
        if (Targets != targets) return $"{Targets} of {targets} targets known";
        if (FewestScrapesOfATarget < expectedPerTarget - 1)
            return $"a target was scraped {FewestScrapesOfATarget} times, expected {expectedPerTarget}";
        if (SuccessfulScrapes != Scrapes) return $"{Scrapes - SuccessfulScrapes} of {Scrapes} scrapes failed";
        if (SamplesScraped != SuccessfulScrapes * seriesPerTarget)
            return $"{SamplesScraped} samples scraped, expected {SuccessfulScrapes} scrapes x {seriesPerTarget}";
        return null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Targets} targets, {Scrapes:N0} scrapes ({SuccessfulScrapes:N0} up, fewest per target {FewestScrapesOfATarget}), {SamplesScraped:N0} samples");
}
