using System.Globalization;
using Tsdb.Query.Parsing;
using Tsdb.Scrape.Configuration;
using Tsdb.Server.RemoteWrite;

namespace Tsdb.Server;

/// <summary>The command-line flags, named and defaulted as Prometheus 2.42 names and defaults them.</summary>
public sealed record ServerOptions
{
    /// <summary>The <c>prometheus.yml</c> to load; null when the flag was not given (see <see cref="Scrape.ScrapeConfiguration"/>).</summary>
    public string? ConfigFile { get; init; }
    public string StoragePath { get; init; } = "data/";
    public TimeSpan RetentionTime { get; init; } = TimeSpan.FromDays(15);
    public long RetentionSizeBytes { get; init; }
    public string ListenAddress { get; init; } = "0.0.0.0:9090";
    public bool EnableLifecycle { get; init; }
    public bool EnableAdminApi { get; init; }
    public bool EnableRemoteWriteReceiver { get; init; }
    public long RemoteWriteMaxBodyBytes { get; init; } = RemoteWriteReceiver.DefaultMaxBodyBytes;
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(2);
    public int QueryMaxSamples { get; init; } = 50_000_000;
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
    public string LogFormat { get; init; } = "logfmt";

    /// <summary>Every flag with its effective value as given (or its default), for /api/v1/status/flags.</summary>
    public IReadOnlyDictionary<string, string> FlagValues { get; init; } = DefaultFlagValues();

    private sealed record Flag(string Name, string Default, string Help, Func<ServerOptions, string, ServerOptions> Apply, bool IsBoolean = false);

    private static readonly Flag[] Flags =
    [
        new("config.file", "prometheus.yml", "Prometheus configuration file path (a built-in config scraping this server is used when the file does not exist).",
            (o, v) => o with { ConfigFile = v }),
        new("storage.tsdb.path", "data/", "Base path for metrics storage.", (o, v) => o with { StoragePath = v }),
        new("storage.tsdb.retention.time", "15d", "How long to retain samples in storage.",
            (o, v) => o with { RetentionTime = ParseDuration(v) }),
        new("storage.tsdb.retention.size", "0", "Maximum number of bytes that can be stored for blocks (B, KB, MB, GB, TB, PB, EB); 0 disables.",
            (o, v) => o with { RetentionSizeBytes = ParseSize(v) }),
        new("web.listen-address", "0.0.0.0:9090", "Address to listen on for UI, API, and telemetry.", (o, v) => o with { ListenAddress = v }),
        new("web.enable-lifecycle", "false", "Enable shutdown and reload via HTTP request.",
            (o, v) => o with { EnableLifecycle = ParseBool(v) }, IsBoolean: true),
        new("web.enable-admin-api", "false", "Enable API endpoints for admin control actions.",
            (o, v) => o with { EnableAdminApi = ParseBool(v) }, IsBoolean: true),
        new("web.enable-remote-write-receiver", "false", "Enable API endpoint accepting remote write requests.",
            (o, v) => o with { EnableRemoteWriteReceiver = ParseBool(v) }, IsBoolean: true),
        new("web.remote-write-receiver.max-body-size", "32MB",
            "Largest remote write body accepted, compressed or decompressed (base 2 units); larger ones get 413.",
            (o, v) => o with { RemoteWriteMaxBodyBytes = ParsePositiveSize(v) }),
        new("query.lookback-delta", "5m", "The maximum lookback duration for retrieving metrics during expression evaluations and federation.",
            (o, v) => o with { LookbackDelta = ParseDuration(v) }),
        new("query.timeout", "2m", "Maximum time a query may take before being aborted.", (o, v) => o with { QueryTimeout = ParseDuration(v) }),
        new("query.max-samples", "50000000", "Maximum number of samples a single query can load into memory.",
            (o, v) => o with { QueryMaxSamples = ParseInt(v) }),
        new("log.level", "info", "Only log messages with the given severity or above. One of: [debug, info, warn, error]",
            (o, v) => o with { LogLevel = ParseLogLevel(v) }),
        new("log.format", "logfmt", "Output format of log messages. One of: [logfmt, json]",
            (o, v) => o with { LogFormat = v is "logfmt" or "json" ? v : throw new FormatException("enum value must be one of logfmt,json") }),
    ];

    private static Dictionary<string, string> DefaultFlagValues() => Flags.ToDictionary(f => f.Name, f => f.Default);

    /// <summary>
    /// Parses <c>--flag=value</c>, <c>--flag value</c> and <c>--[no-]flag</c> for booleans; throws
    /// <see cref="ArgumentException"/> naming the flag that is unknown or has a bad value.
    /// </summary>
    public static ServerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ServerOptions();
        var values = DefaultFlagValues();
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected {arg}");
            int eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            string? value = eq > 0 ? arg[(eq + 1)..] : null;
            var flag = Flags.FirstOrDefault(f => f.Name == name);
            if (flag is null && value is null && name.StartsWith("no-", StringComparison.Ordinal))
            {
                flag = Flags.FirstOrDefault(f => f.Name == name[3..] && f.IsBoolean);
                if (flag is not null) value = "false";
            }
            if (flag is null) throw new ArgumentException($"unknown long flag '--{name}'");
            if (value is null)
            {
                if (flag.IsBoolean) value = "true";
                else if (i + 1 < args.Count) value = args[++i];
                else throw new ArgumentException($"expected argument for flag '--{name}'");
            }
            try
            {
                options = flag.Apply(options, value);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"invalid value \"{value}\" for flag '--{flag.Name}': {e.Message}", e);
            }
            values[flag.Name] = value;
        }
        return options with { FlagValues = values };
    }

    public static string Usage() =>
        "usage: tsdb [<flags>]\n\nFlags:\n  --help" + new string(' ', 39) + "Show this help.\n" +
        string.Join("\n", Flags.Select(f =>
            $"  {"--" + (f.IsBoolean ? f.Name : f.Name + "=" + f.Default),-44} {f.Help}"));

    private static bool ParseBool(string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FormatException("expected true or false"),
    };

    private static TimeSpan ParseDuration(string value) =>
        Durations.TryParse(value, out var d, out var error) ? d : throw new FormatException(error);

    private static int ParseInt(string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n)
            ? n : throw new FormatException("expected an integer");

    private static LogLevel ParseLogLevel(string value) => value switch
    {
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new FormatException("enum value must be one of debug,info,warn,error"),
    };

    private static long ParseSize(string value) => ByteSize.Parse(value);

    private static long ParsePositiveSize(string value)
    {
        long size = ParseSize(value);
        return size > 0 ? size : throw new FormatException("expected a positive size such as 32MB");
    }
}
