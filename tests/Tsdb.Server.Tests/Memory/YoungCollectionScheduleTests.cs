using FsCheck;
using FsCheck.Fluent;
using Tsdb.Server.Memory;

namespace Tsdb.Server.Tests.Memory;

public sealed class YoungCollectionScheduleTests
{
    private const long Threshold = YoungCollectionSchedule.AllocationBetweenCollections;

    [Fact]
    public void RequestsThatAllocateLittleAreNotFollowedByACollection()
    {
        var schedule = new YoungCollectionSchedule(collections: 3, allocatedBytes: 0);
        for (long allocated = 0; allocated < Threshold; allocated += 64 * 1024)
            Assert.False(schedule.IsDue(3, allocated), $"{allocated} bytes is less than the threshold");
    }

    [Fact]
    public void TheThresholdWithNoCollectionSinceMakesOneDue()
    {
        var schedule = new YoungCollectionSchedule(collections: 3, allocatedBytes: 1000);
        Assert.True(schedule.IsDue(3, 1000 + Threshold));
        schedule.Collected(collections: 4, allocatedBytes: 1000 + Threshold);
        Assert.False(schedule.IsDue(4, 1000 + Threshold), "nothing allocated since the collection");
        Assert.False(schedule.IsDue(4, 1000 + 2 * Threshold - 1));
        Assert.True(schedule.IsDue(4, 1000 + 2 * Threshold));
    }

    [Fact]
    public void ACollectionTheRuntimeRanRestartsTheCountFromWhereItIsSeen()
    {
        var schedule = new YoungCollectionSchedule(collections: 3, allocatedBytes: 0);
        Assert.False(schedule.IsDue(4, 5 * Threshold), "the runtime collected since: the garbage is gone");
        Assert.False(schedule.IsDue(4, 6 * Threshold - 1));
        Assert.True(schedule.IsDue(4, 6 * Threshold));
    }

    /// <summary>
    /// Over any sequence of requests, each allocating some bytes, some during which the runtime collected by itself,
    /// and some after which the due collection ran: a collection is due exactly when no collection happened since the
    /// last one seen and the bytes allocated since it was seen reach the threshold.
    /// </summary>
    [Fact]
    public void ACollectionIsDueExactlyWhenEnoughWasAllocatedSinceTheLastSeen()
    {
        // Small requests, large ones, and the threshold's edges.
        var bytes = Gen.OneOf(
            Gen.Choose(0, 64 * 1024).Select(b => (long)b),
            Gen.Choose(0, (int)(3 * Threshold)).Select(b => (long)b),
            Gen.Elements(Threshold - 1, Threshold));
        var requests = Gen.ListOf(bytes.Zip(Gen.Elements(false, false, false, true))).Select(l => l.ToArray());
        Prop.ForAll(requests.ToArbitrary(), requests =>
        {
            int collections = 0;
            long allocated = 0, allocatedWhenSeen = 0;
            int collectionsSeen = 0;
            var schedule = new YoungCollectionSchedule(collections, allocated);
            foreach (var (requestBytes, runtimeCollected) in requests)
            {
                allocated += requestBytes;
                if (runtimeCollected) collections++;
                bool expected = collections == collectionsSeen && allocated - allocatedWhenSeen >= Threshold;
                if (collections != collectionsSeen)
                {
                    collectionsSeen = collections;
                    allocatedWhenSeen = allocated;
                }
                if (schedule.IsDue(collections, allocated) != expected) return false;
                if (!expected) continue;
                collectionsSeen = ++collections;
                allocatedWhenSeen = allocated;
                schedule.Collected(collections, allocated);
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
