using System.Runtime.InteropServices;
using Tsdb.Server.Memory;

namespace Tsdb.Server.Tests.Memory;

/// <summary>In the trimmer's collection, alone: other tests allocating meanwhile would move the resident size it weighs.</summary>
[Collection(nameof(HeapTrimmerTests))]
public sealed class NativeHeapTests
{
    private const int BlockBytes = 64 * 1024;
    private const int Blocks = 1024;

    [Fact]
    public unsafe void Trimming_hands_back_freed_native_memory_the_allocator_kept()
    {
        // Blocks small enough for the allocator's arena (not mapped one by one), touched so that they are resident,
        // then freed below a block still in use, so that the allocator cannot shrink its arena's end by itself.
        var blocks = new nint[Blocks];
        for (int i = 0; i < Blocks; i++)
        {
            blocks[i] = (nint)NativeMemory.Alloc(BlockBytes);
            NativeMemory.Fill((void*)blocks[i], BlockBytes, 1);
        }
        void* stillInUse = NativeMemory.Alloc(64);
        try
        {
            // Weighed while the blocks are in use: a server of another test may trim between the frees and the call.
            long inUse = ResidentBytes();
            foreach (var block in blocks) NativeMemory.Free((void*)block);
            NativeHeap.Trim();
            long handedBack = inUse - ResidentBytes();
            Assert.True(handedBack >= Blocks * (long)BlockBytes / 2,
                $"{handedBack >> 20} MiB handed back of {Blocks * (long)BlockBytes >> 20} MiB freed");
        }
        finally
        {
            NativeMemory.Free(stillInUse);
        }
    }

    private static long ResidentBytes() =>
        long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1]) * Environment.SystemPageSize;
}
