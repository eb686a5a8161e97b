using Tsdb.Scrape.Parsing;

namespace Tsdb.Scrape.Scraping;

/// <summary>What a target says about one metric family: its TYPE, HELP and UNIT (empty when not given).</summary>
public sealed record MetricMetadata(MetricType Type, string Help, string Unit);
