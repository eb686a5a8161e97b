namespace Tsdb.Server.Memory;

/// <summary>
/// Decides, tick by tick, when the server has gone quiet after enough allocation that compacting the heap and
/// returning the collector's spare memory is worth a full collection (<see cref="HeapTrimmer"/>).
/// </summary>
/// <remarks>
/// A trim is due when three things hold:
/// <list type="bullet">
/// <item>The last tick allocated at most <see cref="QuietBytesPerTick"/>: no scrape, write or query is under way,
/// so the collection's pause falls between requests rather than in one.</item>
/// <item>Since the last trim the process allocated at least <see cref="MinimumGrowthBytes"/>: less leaves too
/// little behind to be worth a collection.</item>
/// <item>At least <see cref="SpacingFactor"/> times the processor time the last trim took has passed since it: trims
/// take at most 1% of a core, however large the heap. Processor time rather than the pause: on a core shared with
/// another busy process the pause stretches with the turns the other takes, and a trim after a few of those would
/// keep the next one away for far longer than its own cost warrants.</item>
/// </list>
/// </remarks>
public sealed class TrimSchedule
{
    public const long QuietBytesPerTick = 1 << 20;
    public const long MinimumGrowthBytes = 16L << 20;
    public const int SpacingFactor = 100;

    private long _allocatedAtLastTick;
    private long _allocatedAtTrim;
    private TimeSpan _earliestNext;

    /// <param name="allocatedBytes">Bytes the process has allocated so far.</param>
    public TrimSchedule(long allocatedBytes) => _allocatedAtLastTick = _allocatedAtTrim = allocatedBytes;

    /// <summary>Called once a tick with the bytes allocated so far and the time since start; true when a trim is due.</summary>
    public bool IsDue(long allocatedBytes, TimeSpan now)
    {
        bool quiet = allocatedBytes - _allocatedAtLastTick <= QuietBytesPerTick;
        _allocatedAtLastTick = allocatedBytes;
        return quiet && allocatedBytes - _allocatedAtTrim >= MinimumGrowthBytes && now >= _earliestNext;
    }

    /// <summary>Records a trim that ended at <paramref name="now"/> after taking <paramref name="processorTime"/>.</summary>
    public void Trimmed(long allocatedBytes, TimeSpan now, TimeSpan processorTime)
    {
        _allocatedAtLastTick = _allocatedAtTrim = allocatedBytes;
        _earliestNext = now + processorTime * SpacingFactor;
    }
}
