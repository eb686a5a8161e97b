using Tsdb.Load.Workload;

namespace Tsdb.Load.Compare;

/// <summary>
/// What every system receives after start-up and before measuring: a small remote write load of its own
/// series, so that the measured load does not pay for first-request costs (connection set-up, code
/// compiled on first call, pools and caches filling), which hit each system differently and by a
/// varying amount. Its series are disjoint from the measured ones (the <c>instance</c> labels start with
/// <see cref="InstancePrefix"/>) so that the measured load still creates every one of its series, and its
/// samples end <see cref="Gap"/> before the measured load's first round: the stored-sample counts (a minute
/// before the first round onwards) and the dashboard queries (5 min windows from the first round) never
/// see them. Resident memory after ingest does include its series.
/// </summary>
public static class WarmUp
{
    public const string InstancePrefix = "warmup-";
    public const int Series = 2_000;
    public const int Rounds = 60;
    public static readonly TimeSpan Gap = TimeSpan.FromMinutes(10);

    /// <summary>The warm-up load for a measured workload, with the same request size and concurrency.</summary>
    public static EncodedWorkload Encode(EncodedWorkload measured)
    {
        var workload = new WriteWorkload($"{measured.Workload.Name} warm-up", Series, Rounds,
            measured.Workload.SamplesPerRequest, measured.Workload.Concurrency, 0, measured.Workload.IntervalSeconds, InstancePrefix);
        return RequestEncoder.Encode(workload, measured.StartMs - (long)Gap.TotalMilliseconds);
    }
}
