using Tsdb.Scrape.Configuration;

namespace Tsdb.Server.Api;

/// <summary>The configuration the server runs with: its parsed form, its YAML text and when it was loaded.</summary>
public sealed record LoadedConfig(PrometheusConfig Config, string Yaml, DateTimeOffset LoadedAt)
{
    /// <summary>Reads and parses a configuration file; throws <see cref="ConfigException"/> naming file, line and field.</summary>
    public static LoadedConfig FromFile(string path)
    {
        var config = ConfigLoader.LoadFile(path);
        return new LoadedConfig(config, File.ReadAllText(path), DateTimeOffset.UtcNow);
    }

    public static LoadedConfig FromYaml(string yaml, string name) =>
        new(ConfigLoader.Load(yaml, name), yaml, DateTimeOffset.UtcNow);
}
