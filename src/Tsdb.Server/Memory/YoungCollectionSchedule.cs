namespace Tsdb.Server.Memory;

/// <summary>
/// Decides, as each request ends, whether the young generation should be collected then
/// (<see cref="YoungGenerationCollector"/>): when the process allocated at least
/// <see cref="AllocationBetweenCollections"/> since the last collection of generation 0 that it saw.
/// </summary>
/// <remarks>
/// The runtime has no counter of bytes allocated since its last collection, so a collection the runtime ran by
/// itself is noticed only by the count of collections changing, at the next request's end; the allocation counted
/// from there on is then at most what really happened since, and the next collection comes no earlier than it should.
/// </remarks>
public sealed class YoungCollectionSchedule
{
    /// <summary>
    /// Less than any dashboard query's garbage at 100,000 series (1.9-3.5 MB), so that each is collected as it ends,
    /// dead, and generation 0 never grows to the runtime's own budget (16 MB with a 32 MB L3 cache). The collector
    /// keeps committed what was allocated between two collections: at 2 MiB two of the smaller queries ran between
    /// collections, and the dashboard left 7.0 MB committed beyond the live heap instead of 4.9 (docs/operations.md).
    /// </summary>
    public const long AllocationBetweenCollections = 1L << 20;

    private int _collectionsSeen;
    private long _allocatedWhenSeen;

    /// <param name="collections">Collections of generation 0 so far (<see cref="GC.CollectionCount"/>).</param>
    /// <param name="allocatedBytes">Bytes the process has allocated so far.</param>
    public YoungCollectionSchedule(int collections, long allocatedBytes) => See(collections, allocatedBytes);

    /// <summary>Called as a request ends with the counts so far; true when a collection is due now.</summary>
    public bool IsDue(int collections, long allocatedBytes)
    {
        if (collections != _collectionsSeen)
        {
            See(collections, allocatedBytes);
            return false;
        }
        return allocatedBytes - _allocatedWhenSeen >= AllocationBetweenCollections;
    }

    /// <summary>Records the collection that a due <see cref="IsDue"/> led to, with the counts after it.</summary>
    public void Collected(int collections, long allocatedBytes) => See(collections, allocatedBytes);

    /// <summary>Counts allocation from here, with the collections so far.</summary>
    private void See(int collections, long allocatedBytes)
    {
        _collectionsSeen = collections;
        _allocatedWhenSeen = allocatedBytes;
    }
}
