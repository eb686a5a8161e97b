using Tsdb.Server.RemoteWrite;

namespace Tsdb.Server;

/// <summary>The command-line flags, named as Prometheus names them.</summary>
public sealed record ServerOptions
{
    /// <summary>The <c>prometheus.yml</c> to load; null when the flag was not given (see <see cref="ScrapeConfiguration"/>).</summary>
    public string? ConfigFile { get; init; }
    public string StoragePath { get; init; } = "data";
    public string ListenAddress { get; init; } = "0.0.0.0:9090";
    public bool EnableRemoteWriteReceiver { get; init; }
    public long RemoteWriteMaxBodyBytes { get; init; } = RemoteWriteReceiver.DefaultMaxBodyBytes;

    private static readonly Dictionary<string, string> Help = new()
    {
        ["--config.file"] = "Prometheus configuration file path. Default: prometheus.yml (a built-in self-scrape when it does not exist)",
        ["--storage.tsdb.path"] = "Base path for metrics storage. Default: data/",
        ["--web.listen-address"] = "Address to listen on for the web interface and API. Default: 0.0.0.0:9090",
        ["--web.enable-remote-write-receiver"] = "Enable API endpoint accepting remote write requests at /api/v1/write.",
        ["--web.remote-write-receiver.max-body-size"] =
            "Largest remote write body accepted, compressed or decompressed (e.g. 64MB, base 2 units); larger ones get 413. Default: 32MB",
    };

    private static readonly HashSet<string> BooleanFlags = ["--web.enable-remote-write-receiver"];

    /// <summary>Parses <c>--flag=value</c> and <c>--flag value</c>; throws <see cref="ArgumentException"/> naming a bad flag.</summary>
    public static ServerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ServerOptions();
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name, value;
            int eq = arg.IndexOf('=');
            if (eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            else
            {
                name = arg;
                if (!Help.ContainsKey(name)) throw new ArgumentException($"unknown flag {name}");
                if (BooleanFlags.Contains(name))
                {
                    value = "true";
                }
                else
                {
                    if (i + 1 >= args.Count) throw new ArgumentException($"flag {name} needs a value");
                    value = args[++i];
                }
            }
            options = name switch
            {
                "--config.file" => options with { ConfigFile = value },
                "--storage.tsdb.path" => options with { StoragePath = value },
                "--web.listen-address" => options with { ListenAddress = value },
                "--web.enable-remote-write-receiver" => options with { EnableRemoteWriteReceiver = ParseBool(name, value) },
                "--web.remote-write-receiver.max-body-size" => options with { RemoteWriteMaxBodyBytes = ParseBytes(name, value) },
                _ => throw new ArgumentException($"unknown flag {name}"),
            };
        }
        return options;
    }

    public static string Usage() =>
        "usage: tsdb [<flags>]\n\nFlags:\n" + string.Join("\n", Help.Select(kv => $"  {kv.Key,-44} {kv.Value}"));

    private static bool ParseBool(string name, string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw new ArgumentException($"flag {name} expects true or false, got \"{value}\""),
    };

    /// <summary>A byte size as Prometheus writes them: a whole number with an optional base-2 unit (B, KB, MB, GB).</summary>
    private static long ParseBytes(string name, string value)
    {
        var units = new (string Suffix, long Factor)[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1) };
        foreach (var (suffix, factor) in units)
        {
            if (!value.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (long.TryParse(value[..^suffix.Length], out long n) && n > 0 && n <= long.MaxValue / factor) return n * factor;
            break;
        }
        if (long.TryParse(value, out long bytes) && bytes > 0) return bytes;
        throw new ArgumentException($"flag {name} expects a positive size such as 32MB, got \"{value}\"");
    }
}
