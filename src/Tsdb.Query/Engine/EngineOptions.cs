namespace Tsdb.Query.Engine;

public sealed record EngineOptions
{
    /// <summary>How far back an instant selector looks for the newest sample.</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a query may run before it fails with a timeout error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The most points a query may hold in memory at once.</summary>
    public int MaxSamples { get; init; } = 50_000_000;

    /// <summary>The step of a subquery written without one (the global evaluation interval).</summary>
    public TimeSpan DefaultEvaluationInterval { get; init; } = TimeSpan.FromMinutes(1);
}
