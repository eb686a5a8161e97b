using Tsdb.Storage;

namespace Tsdb.Scrape.Service;

/// <summary>A discovered target that relabeling dropped, kept with its labels from before relabeling for the targets API.</summary>
public sealed record DroppedTarget(string JobName, Labels DiscoveredLabels);
