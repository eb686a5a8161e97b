using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>The staleness marker: a NaN with a payload of its own, told apart from other NaNs by its bits.</summary>
internal static class StaleNaN
{
    public const ulong Bits = 0x7ff0000000000002;

    public static bool Is(double v) => BitConverter.DoubleToUInt64Bits(v) == Bits;

    /// <summary>
    /// Whether any point's value is the marker. Markers are rare, so the points are checked as a run of 64-bit
    /// words, two points per 256-bit compare, the timestamps' lanes masked out of the answer at the end.
    /// </summary>
    public static bool AnyIn(ReadOnlySpan<Point> points)
    {
        var words = MemoryMarshal.Cast<Point, ulong>(points);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var marker = Vector256.Create(Bits);
            var found = Vector256<ulong>.Zero;
            ref ulong first = ref MemoryMarshal.GetReference(words);
            for (; i + Vector256<ulong>.Count <= words.Length; i += Vector256<ulong>.Count)
                found |= Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), marker);
            var valueLanes = Vector256.Create(0UL, ulong.MaxValue, 0UL, ulong.MaxValue);
            if ((found & valueLanes) != Vector256<ulong>.Zero) return true;
        }
        for (i += 1; i < words.Length; i += 2)
            if (words[i] == Bits) return true;
        return false;
    }

    /// <summary>Removes the points whose value is the marker, keeping the others in order; returns how many remain.</summary>
    public static int Drop(Span<Point> points)
    {
        if (!AnyIn(points)) return points.Length;
        int kept = 0;
        foreach (var p in points)
            if (!Is(p.F)) points[kept++] = p;
        return kept;
    }
}
