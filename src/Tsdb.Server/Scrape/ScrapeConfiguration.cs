using System.Globalization;

using Tsdb.Server.Api;

namespace Tsdb.Server.Scrape;

/// <summary>
/// Where the server's configuration comes from: <c>--config.file</c>, else <c>./prometheus.yml</c> when it
/// exists, else a built-in configuration that scrapes the server itself, so a fresh machine needs no file.
/// </summary>
public static class ScrapeConfiguration
{
    public const string DefaultFile = "prometheus.yml";
    public const string BuiltInName = "built-in default configuration";

    /// <summary>The file to load at start-up and on reload, or null to run the built-in configuration.</summary>
    public static string? FileToLoad(ServerOptions options) =>
        options.ConfigFile ?? (File.Exists(DefaultFile) ? DefaultFile : null);

    /// <summary>Job "prometheus" scraping the server's own /metrics every 15s, as Prometheus's example file does.</summary>
    public static LoadedConfig BuiltInDefault(Uri serverAddress) => LoadedConfig.FromYaml(BuiltInDefaultYaml(serverAddress), BuiltInName);

    private static string BuiltInDefaultYaml(Uri serverAddress) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: 15s
              evaluation_interval: 15s
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ["{SelfTarget(serverAddress)}"]
            """);

    /// <summary>host:port to reach the server from itself; a wildcard listen address becomes localhost.</summary>
    public static string SelfTarget(Uri serverAddress)
    {
        string host = serverAddress.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*" ? "localhost" : serverAddress.Host;
        return $"{host}:{serverAddress.Port}";
    }
}
