using Tsdb.Query.Engine;
using Tsdb.Server.SelfMetrics;
using Tsdb.Storage;

namespace Tsdb.Server.Api;

/// <summary>Everything the HTTP API reads from or acts on.</summary>
public sealed class ApiServices
{
    public required Head Head { get; init; }

    public required ServerOptions Options { get; init; }

    public required ServerMetrics Metrics { get; init; }

    /// <summary>The configuration currently in force (replaced by a successful reload).</summary>
    public required LoadedConfig Config { get; set; }

    public ITargetsSource Targets { get; set; } = NoTargets.Instance;

    public IMetadataSource Metadata { get; set; } = NoMetadata.Instance;

    /// <summary>Reloads the configuration for <c>/-/reload</c>; null while nothing can reload.</summary>
    public Func<Task<(bool Ok, string? Error)>>? Reload { get; set; }

    /// <summary>Whether the last reload succeeded, for runtimeinfo.</summary>
    public bool LastReloadSucceeded { get; set; } = true;

    /// <summary>Stops the server for <c>/-/quit</c>.</summary>
    public required Action Quit { get; init; }

    public DateTimeOffset StartTime { get; } = DateTimeOffset.UtcNow;

    /// <summary>A clock for "now", the default query time; replaceable by tests.</summary>
    public Func<long> NowMs { get; init; } = () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public EngineOptions EngineOptions => new()
    {
        LookbackDelta = Options.LookbackDelta,
        Timeout = Options.QueryTimeout,
        MaxSamples = Options.QueryMaxSamples,
        DefaultEvaluationInterval = Config.Config.Global.EvaluationInterval,
    };
}
