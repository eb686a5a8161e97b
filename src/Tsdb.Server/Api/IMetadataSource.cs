using Tsdb.Scrape.Scraping;

namespace Tsdb.Server.Api;

/// <summary>What /api/v1/metadata reports; implemented by whatever keeps the scrape caches.</summary>
public interface IMetadataSource
{
    /// <summary>Every known metric name with its distinct metadata entries.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>> Metadata();
}

/// <summary>The source used while nothing scrapes: no metadata.</summary>
public sealed class NoMetadata : IMetadataSource
{
    public static readonly NoMetadata Instance = new();

    public IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>> Metadata() =>
        new Dictionary<string, IReadOnlyList<MetricMetadata>>();
}
