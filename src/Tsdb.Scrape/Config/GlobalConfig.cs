using Tsdb.Storage;

namespace Tsdb.Scrape.Configuration;

/// <summary>The <c>global</c> block: defaults every scrape config inherits.</summary>
public sealed record GlobalConfig
{
    public static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultScrapeTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultEvaluationInterval = TimeSpan.FromMinutes(1);

    public TimeSpan ScrapeInterval { get; init; } = DefaultScrapeInterval;
    public TimeSpan ScrapeTimeout { get; init; } = DefaultScrapeTimeout;
    public TimeSpan EvaluationInterval { get; init; } = DefaultEvaluationInterval;
    public Labels ExternalLabels { get; init; } = Labels.Empty;
}
