namespace Tsdb.Load.Sending;

/// <summary>What sending a workload took and how the receiver answered (rejected requests are not retried).</summary>
public sealed record SendResult(TimeSpan Elapsed, int Requests, int FailedRequests, long SamplesSent, string? FirstError)
{
    public double SamplesPerSecond => SamplesSent / Elapsed.TotalSeconds;
}
