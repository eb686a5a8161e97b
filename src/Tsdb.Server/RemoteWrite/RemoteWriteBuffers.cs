using System.Buffers;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// The arrays remote write reads request bodies into and decompresses requests into: at most four of a size are
/// kept, however many threads return them. The shared array pool keeps one on every thread that returned one and up
/// to eight on each core's stack, for a minute after their last use, so what it held after remote write (512 KiB a
/// decompressed request at 2,000 samples) varied by several MB from run to run with the threads the requests fell on.
/// </summary>
internal static class RemoteWriteBuffers
{
    public static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 4 << 20, maxArraysPerBucket: 4);
}
