using System.Diagnostics;
using System.Runtime;

namespace Tsdb.Server.Memory;

/// <summary>
/// Hands the memory the garbage collector keeps beyond the live heap back to the kernel when the server goes quiet
/// after a burst of work (<see cref="TrimSchedule"/>). The collector keeps its young generation's budget, the
/// survivors of collections that fell in the middle of a request and the gaps between old objects committed for
/// the next allocations: after 100,000 series of remote write, about 30 MB beside a live heap of 47 MB, kept for
/// good (docs/operations.md). A full compacting collection in its aggressive mode frees all of it; the next burst
/// commits what it needs again. The native allocator's free pages go back with it (<see cref="NativeHeap"/>).
/// </summary>
public sealed class HeapTrimmer : IAsyncDisposable
{
    /// <summary>How often allocation is looked at; a quiet tick of this length precedes every trim.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly PeriodicTimer _timer = new(Tick);
    private readonly Task _loop;
    private long _trims;

    public HeapTrimmer() => _loop = RunAsync();

    /// <summary>Trims so far.</summary>
    public long Trims => Interlocked.Read(ref _trims);

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var schedule = new TrimSchedule(GC.GetTotalAllocatedBytes());
        long compiledMethods = JitInfo.GetCompiledMethodCount();
        while (await _timer.WaitForNextTickAsync())
        {
            // The JIT's working memory for a method is freed once it is compiled, into the native allocator's arenas,
            // which keep it: a first round of dashboard queries left 2-4 MB there. Trimming after every second that
            // compiled something costs about 0.1 ms, and a server compiles only as it meets new work.
            long compiledNow = JitInfo.GetCompiledMethodCount();
            if (compiledNow != compiledMethods) NativeHeap.Trim();
            compiledMethods = compiledNow;
            if (!schedule.IsDue(GC.GetTotalAllocatedBytes(), clock.Elapsed)) continue;
            var processorTimeBefore = Environment.CpuUsage.TotalTime;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            // After the collection, which frees native memory of its own (the collector's bookkeeping, finalized handles).
            NativeHeap.Trim();
            Interlocked.Increment(ref _trims);
            schedule.Trimmed(GC.GetTotalAllocatedBytes(), clock.Elapsed, Environment.CpuUsage.TotalTime - processorTimeBefore);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop;
    }
}
