using System.Runtime.InteropServices;

namespace Tsdb.Server.Memory;

/// <summary>
/// The C library's allocator, which the runtime uses for its own memory (the JIT's working memory while it
/// compiles, the type loader, the collector's bookkeeping). glibc keeps what is freed in its arenas for the next
/// allocation rather than handing it back: after remote write and a first round of dashboard queries, 2-4 MB of
/// free pages stayed resident in them.
/// </summary>
public static partial class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Hands the allocator's free pages back to the kernel (glibc's <c>malloc_trim</c>); a no-op where it has none.</summary>
    public static void Trim()
    {
        if (_unavailable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Another C library (musl) has no malloc_trim: nothing to hand back this way.
            _unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
