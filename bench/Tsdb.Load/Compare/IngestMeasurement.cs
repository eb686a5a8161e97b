using Tsdb.Load.Sending;
using Tsdb.Load.Systems;

namespace Tsdb.Load.Compare;

/// <summary>
/// One fresh instance's ingest of a workload: what sending took, the process's CPU time and memory just
/// before the first round and just after the last (with the other instances' turns in between, see
/// <see cref="CompareRunner"/>), the warm-up it received first (null when there was none), and the median of
/// the resident memory readings from the end of the ingest to the end of the untimed queries (<see cref="ResidentMemorySampler"/>).
/// </summary>
public sealed record IngestMeasurement(SendResult Send, ProcessStats Before, ProcessStats After, SendResult? WarmUp, long MedianResidentBytes)
{
    public TimeSpan Cpu => After.CpuTime - Before.CpuTime;

    /// <summary>Why this ingest does not count, or null.</summary>
    public string? FailureReason
    {
        get
        {
            if (WarmUp is { FailedRequests: > 0 }) return $"warm-up: {WarmUp.FailedRequests} of {WarmUp.Requests} requests refused, first: {WarmUp.FirstError}";
            if (Send.FailedRequests > 0) return $"{Send.FailedRequests} of {Send.Requests} requests refused, first: {Send.FirstError}";
            return null;
        }
    }
}
