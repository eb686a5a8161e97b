using Tsdb.Load.Queries;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Compare;

/// <summary>
/// One system's figures for one workload; <see cref="Passed"/> only when it stored every sample sent, the
/// warm-up's included (<see cref="WarmUp"/>, null when there was none).
/// </summary>
public sealed record SystemResult(
    string System,
    EncodedWorkload Encoded,
    SendResult Send,
    ProcessStats Before,
    ProcessStats After,
    StoredCounts Counts,
    PersistedSize Disk,
    IReadOnlyList<QueryLatency>? Queries,
    string? QueriesUnavailable,
    SendResult? WarmUp = null)
{
    public bool Passed => FailureReason is null;

    public TimeSpan IngestCpu => After.CpuTime - Before.CpuTime;

    public double CpuMicrosecondsPerSample => IngestCpu.TotalMicroseconds / Encoded.Samples;

    public double DiskBytesPerSample => (double)Disk.Bytes / Encoded.Samples;

    /// <summary>Why the result does not count, or null.</summary>
    public string? FailureReason
    {
        get
        {
            if (WarmUp is { FailedRequests: > 0 }) return $"warm-up: {WarmUp.FailedRequests} of {WarmUp.Requests} requests refused, first: {WarmUp.FirstError}";
            if (Send.FailedRequests > 0) return $"{Send.FailedRequests} of {Send.Requests} requests refused, first: {Send.FirstError}";
            if (Counts.Samples != Encoded.Samples) return $"stored {Counts.Samples:N0} of {Encoded.Samples:N0} samples sent";
            if (Counts.SeriesInLastWindow != Encoded.SeriesInLastWindow)
                return $"{Counts.SeriesInLastWindow:N0} series in the last {Encoded.LastWindow.TotalSeconds} s, expected {Encoded.SeriesInLastWindow:N0}";
            return null;
        }
    }
}
