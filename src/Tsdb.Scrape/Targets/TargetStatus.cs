namespace Tsdb.Scrape.Targets;

/// <summary>
/// What the targets API shows about one target: the target itself (labels, discovered labels, job,
/// URL, interval, timeout) and the outcome of its last scrape.
/// </summary>
public sealed record TargetStatus(
    ScrapeTarget Target,
    TargetHealth Health,
    string LastError,
    DateTimeOffset? LastScrape,
    TimeSpan LastScrapeDuration)
{
    public static TargetStatus NotScraped(ScrapeTarget target) => new(target, TargetHealth.Unknown, "", null, TimeSpan.Zero);
}
