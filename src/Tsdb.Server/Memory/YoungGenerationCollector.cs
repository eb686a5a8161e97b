namespace Tsdb.Server.Memory;

/// <summary>
/// Collects the young generation as a request ends, once a couple of megabytes were allocated since its last
/// collection (<see cref="YoungCollectionSchedule"/>). Left to itself the collector lets generation 0 grow to a
/// budget sized by the processor's cache (16 MB here), so its collections fall in the middle of queries: what
/// the running query still holds is promoted, generation 1 and 2 collections follow, and the young generation's
/// whole budget stays resident. Collected between requests instead, a query's garbage is dead and almost nothing
/// survives: with 100,000 series the dashboard ran in 100 MB resident instead of 120 (docs/operations.md).
/// </summary>
public sealed class YoungGenerationCollector
{
    private readonly Lock _gate = new();
    private readonly YoungCollectionSchedule _schedule = new(GC.CollectionCount(0), GC.GetTotalAllocatedBytes());
    private long _collections;

    /// <summary>Collections run so far.</summary>
    public long Collections => Interlocked.Read(ref _collections);

    public void RequestEnded()
    {
        // A request ending while another decides or collects has nothing to add: that one sees the same counts.
        if (!_gate.TryEnter()) return;
        try
        {
            if (!_schedule.IsDue(GC.CollectionCount(0), GC.GetTotalAllocatedBytes())) return;
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            Interlocked.Increment(ref _collections);
            _schedule.Collected(GC.CollectionCount(0), GC.GetTotalAllocatedBytes());
        }
        finally
        {
            _gate.Exit();
        }
    }
}
