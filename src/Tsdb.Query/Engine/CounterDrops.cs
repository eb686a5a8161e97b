using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>Finds whether a series' value ever falls below its predecessor's (a counter reset, for rate and increase).</summary>
internal static class CounterDrops
{
    /// <summary>
    /// Whether any point's value is below the previous point's. Drops are rare, so the points are compared as a
    /// run of doubles against the same run shifted by one point, two points per 256-bit compare, the lanes that
    /// hold timestamps masked out of the answer at the end (NaN compares false either way, as it does singly).
    /// </summary>
    public static bool Any(ReadOnlySpan<Point> points)
    {
        int i = 1;
        if (Vector256.IsHardwareAccelerated)
        {
            var words = MemoryMarshal.Cast<Point, double>(points);
            ref double first = ref MemoryMarshal.GetReference(words);
            var found = Vector256<double>.Zero;
            for (; i + 2 <= points.Length; i += 2)
            {
                var current = Vector256.LoadUnsafe(ref first, (nuint)(2 * i));
                var previous = Vector256.LoadUnsafe(ref first, (nuint)(2 * i - 2));
                found |= Vector256.LessThan(current, previous);
            }
            var valueLanes = Vector256.Create(0UL, ulong.MaxValue, 0UL, ulong.MaxValue);
            if ((found.AsUInt64() & valueLanes) != Vector256<ulong>.Zero) return true;
        }
        for (; i < points.Length; i++)
            if (points[i].F < points[i - 1].F) return true;
        return false;
    }
}
