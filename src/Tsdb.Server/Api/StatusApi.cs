using System.Runtime;
using Tsdb.Query.Parsing;

namespace Tsdb.Server.Api;

/// <summary>The <c>/api/v1/status/*</c> endpoints and the always-empty rules and alerts.</summary>
public static class StatusApi
{
    /// <summary>
    /// The Prometheus version this server answers as. Grafana and other clients read <c>version</c> from
    /// buildinfo to decide which API features to use, so it names the Prometheus release whose API is served.
    /// </summary>
    public const string CompatibleVersion = "2.42.0";

    public static void MapStatusApi(this IEndpointRouteBuilder endpoints, ApiServices services)
    {
        endpoints.MapApi("/api/v1/status/buildinfo", services, (_, _, _) => ApiAnswer.Of(json =>
        {
            json.WriteStartObject();
            json.WriteString("version", CompatibleVersion);
            json.WriteString("revision", typeof(StatusApi).Assembly.GetName().Version?.ToString() ?? "");
            json.WriteString("branch", "");
            json.WriteString("buildUser", "");
            json.WriteString("buildDate", "");
            json.WriteString("goVersion", $".NET {Environment.Version}");
            json.WriteEndObject();
        }), postToo: false);

        endpoints.MapApi("/api/v1/status/config", services, (_, s, _) =>
        {
            var yaml = s.Config.Yaml;
            return ApiAnswer.Of(json =>
            {
                json.WriteStartObject();
                json.WriteString("yaml", yaml);
                json.WriteEndObject();
            });
        }, postToo: false);

        endpoints.MapApi("/api/v1/status/flags", services, (_, s, _) => ApiAnswer.Of(json =>
        {
            json.WriteStartObject();
            foreach (var (name, value) in s.Options.FlagValues.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json.WriteString(name, value);
            json.WriteEndObject();
        }), postToo: false);

        endpoints.MapApi("/api/v1/status/runtimeinfo", services, (_, s, _) => ApiAnswer.Of(json =>
        {
            var config = s.Config;
            json.WriteStartObject();
            json.WriteString("startTime", s.StartTime.UtcDateTime);
            json.WriteString("CWD", Environment.CurrentDirectory);
            json.WriteBoolean("reloadConfigSuccess", s.LastReloadSucceeded);
            json.WriteString("lastConfigTime", config.LoadedAt.UtcDateTime);
            json.WriteNumber("corruptionCount", s.Head.Wal?.ReplayStats.Corruption is null ? 0 : 1);
            json.WriteNumber("goroutineCount", ThreadPoolCount());
            json.WriteNumber("GOMAXPROCS", Environment.ProcessorCount);
            json.WriteString("GOGC", GCSettings.IsServerGC ? "server" : "workstation");
            json.WriteString("GODEBUG", "");
            json.WriteString("storageRetention", RetentionText(s.Options));
            json.WriteEndObject();
        }), postToo: false);

        endpoints.MapApi("/api/v1/status/tsdb", services, (_, s, _) => ApiAnswer.Of(json => TsdbStatus.Write(json, s.Head)), postToo: false);

        endpoints.MapApi("/api/v1/rules", services, (_, _, _) => ApiAnswer.Of(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("groups");
            json.WriteEndArray();
            json.WriteEndObject();
        }), postToo: false);

        endpoints.MapApi("/api/v1/alerts", services, (_, _, _) => ApiAnswer.Of(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("alerts");
            json.WriteEndArray();
            json.WriteEndObject();
        }), postToo: false);
    }

    /// <summary>Threads of the pool stand in for goroutines: the closest measure of concurrent work.</summary>
    private static int ThreadPoolCount() => ThreadPool.ThreadCount;

    /// <summary>As Prometheus words it: "15d", "512MiB", or both joined with " or ".</summary>
    private static string RetentionText(ServerOptions options)
    {
        var parts = new List<string>();
        if (options.RetentionTime > TimeSpan.Zero) parts.Add(Durations.Format(options.RetentionTime));
        if (options.RetentionSizeBytes > 0) parts.Add($"{options.RetentionSizeBytes}B");
        return string.Join(" or ", parts);
    }
}
