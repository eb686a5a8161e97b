namespace Tsdb.Load.Workload;

/// <summary>
/// What a remote write load sends: how many series, how many rounds (one sample per series each), how the
/// samples are cut into requests and sent. <see cref="InstancePrefix"/> starts every <c>instance</c> label, so
/// that two workloads with different prefixes write disjoint series.
/// </summary>
public sealed record WriteWorkload(
    string Name,
    int Series,
    int Rounds,
    int SamplesPerRequest = 2000,
    int Concurrency = 4,
    double ChurnPercent = 0,
    int IntervalSeconds = 15,
    string InstancePrefix = "")
{
    public long Samples => (long)Series * Rounds;

    /// <summary>Time from the first round's samples to the last's.</summary>
    public TimeSpan Span => TimeSpan.FromSeconds((double)IntervalSeconds * (Rounds - 1));

    public void Validate()
    {
        if (Series <= 0) throw new ArgumentException($"workload {Name}: series must be positive, got {Series}");
        if (Rounds <= 0) throw new ArgumentException($"workload {Name}: rounds must be positive, got {Rounds}");
        if (SamplesPerRequest <= 0) throw new ArgumentException($"workload {Name}: samples per request must be positive, got {SamplesPerRequest}");
        if (Concurrency <= 0) throw new ArgumentException($"workload {Name}: concurrency must be positive, got {Concurrency}");
        if (IntervalSeconds <= 0) throw new ArgumentException($"workload {Name}: interval must be positive, got {IntervalSeconds}");
        if (ChurnPercent is < 0 or > 100) throw new ArgumentException($"workload {Name}: churn must be between 0 and 100 percent, got {ChurnPercent}");
        // Prometheus's head refuses samples older than its newest sample minus half a block (1 h by default);
        // keeping the whole workload inside one hour lets every system accept every sample.
        if (Span >= TimeSpan.FromHours(1))
            throw new ArgumentException($"workload {Name}: {Rounds} rounds at {IntervalSeconds} s span {Span}, more than the 1 h a Prometheus head accepts out of its newest sample");
    }

    public override string ToString() =>
        $"{Series:N0} series x {Rounds} samples, {SamplesPerRequest} samples/request, concurrency {Concurrency}, churn {ChurnPercent}%/round";
}
