using Tsdb.Scrape.Configuration;

namespace Tsdb.Server.Api;

/// <summary>The configuration the server runs with: its parsed form, its YAML text and when it was loaded.</summary>
public sealed record LoadedConfig(PrometheusConfig Config, string Yaml, DateTimeOffset LoadedAt)
{
    /// <summary>
    /// Used when the config file does not exist, so that a server started without one still works: like
    /// the prometheus.yml Prometheus ships, it scrapes the server's own /metrics as job "prometheus".
    /// </summary>
    public static string DefaultYaml(string listenAddress)
    {
        var port = listenAddress[(listenAddress.LastIndexOf(':') + 1)..];
        return "global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n" +
               "scrape_configs:\n  - job_name: prometheus\n    static_configs:\n" +
               $"      - targets: [\"localhost:{port}\"]\n";
    }

    /// <summary>Loads <paramref name="path"/>, or the built-in default when it does not exist; throws <see cref="ConfigException"/>.</summary>
    public static LoadedConfig Load(string path, string listenAddress)
    {
        if (!File.Exists(path))
        {
            var yaml = DefaultYaml(listenAddress);
            return new LoadedConfig(ConfigLoader.Load(yaml, "default configuration"), yaml, DateTimeOffset.UtcNow);
        }
        var config = ConfigLoader.LoadFile(path);
        return new LoadedConfig(config, File.ReadAllText(path), DateTimeOffset.UtcNow);
    }
}
