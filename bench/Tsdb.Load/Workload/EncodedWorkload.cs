namespace Tsdb.Load.Workload;

/// <summary>
/// A workload ready to send: remote write bodies (protobuf, snappy) per worker in the order that worker sends
/// them, and what a system that stored all of it must answer.
/// </summary>
public sealed record EncodedWorkload(
    WriteWorkload Workload,
    IReadOnlyList<IReadOnlyList<byte[]>> RequestsPerWorker,
    long StartMs,
    long EndMs,
    long Samples,
    long DistinctSeries,
    long SeriesInLastWindow,
    TimeSpan LastWindow)
{
    public int Requests => RequestsPerWorker.Sum(r => r.Count);

    public long Bytes => RequestsPerWorker.Sum(r => r.Sum(b => (long)b.Length));
}
