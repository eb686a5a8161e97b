using Tsdb.Scrape.Scraping;
using Tsdb.Scrape.Service;
using Tsdb.Scrape.Targets;
using Tsdb.Server.Api;

namespace Tsdb.Server.Scrape;

/// <summary>The scrape service as the HTTP API sees it: its targets and the metadata its targets expose.</summary>
public sealed class ScrapeServiceSources(ScrapeService scraping) : ITargetsSource, IMetadataSource
{
    public IReadOnlyList<TargetStatus> ActiveTargets() => scraping.ActiveTargets();

    public IReadOnlyList<DroppedTarget> DroppedTargets() => scraping.DroppedTargets();

    public IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>> Metadata() => scraping.MetricMetadata();
}
