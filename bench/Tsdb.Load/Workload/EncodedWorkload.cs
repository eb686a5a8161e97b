namespace Tsdb.Load.Workload;

/// <summary>
/// A workload ready to send: remote write bodies (protobuf, snappy), one per shard of series in every round,
/// and what a system that stored all of it must answer.
/// </summary>
/// <param name="RequestsPerRound">Per round, in time order, one body per shard in shard order.</param>
public sealed record EncodedWorkload(
    WriteWorkload Workload,
    IReadOnlyList<IReadOnlyList<byte[]>> RequestsPerRound,
    long StartMs,
    long EndMs,
    long Samples,
    long DistinctSeries,
    long SeriesInLastWindow,
    TimeSpan LastWindow)
{
    public int Requests => RequestsPerRound.Sum(r => r.Count);

    public long Bytes => RequestsPerRound.Sum(r => r.Sum(b => (long)b.Length));

    /// <summary>How many requests are in flight at once: the workload's concurrency, but no more than there are shards.</summary>
    public int Workers => Math.Min(Workload.Concurrency, RequestsPerRound.Count == 0 ? 0 : RequestsPerRound[0].Count);

    /// <summary>
    /// The bodies each of <see cref="Workers"/> workers sends, in order: a shard always goes to the same worker,
    /// round after round, so no series ever receives its samples out of order, whatever the concurrency.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<byte[]>> RequestsPerWorker
    {
        get
        {
            var perWorker = new List<byte[]>[Workers];
            for (int w = 0; w < perWorker.Length; w++) perWorker[w] = [];
            foreach (var round in RequestsPerRound)
            {
                for (int shard = 0; shard < round.Count; shard++) perWorker[shard % perWorker.Length].Add(round[shard]);
            }
            return perWorker;
        }
    }
}
