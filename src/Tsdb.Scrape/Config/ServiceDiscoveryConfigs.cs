using Tsdb.Storage;

namespace Tsdb.Scrape.Configuration;

/// <summary>One entry of <c>static_configs</c>: addresses and the labels they share.</summary>
public sealed record StaticConfig(IReadOnlyList<string> Targets, Labels Labels);

/// <summary>One entry of <c>file_sd_configs</c>: absolute paths or globs (in the last path element) and how often to re-read them.</summary>
public sealed record FileSdConfig(IReadOnlyList<string> Files, TimeSpan RefreshInterval)
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(5);
}
