using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tsdb.Query.Engine;
using Tsdb.Storage;

namespace Tsdb.Server.Api;

/// <summary>
/// A series' points as one array of <c>[seconds,"value"]</c> pairs, formatted straight into a pooled byte buffer
/// and handed to the writer at once: a matrix can hold millions of points, and going through the writer's
/// per-token checks for each would cost more than the formatting itself.
/// </summary>
internal static class PointsJson
{
    /// <summary>Room for a point: a comma, its prefix (or a slot of them), the longest plain float and <c>"]</c>.</summary>
    private const int MaxPointLength = 1 + StepPointPrefixes.SlotSize + GoFloatText.MaxPlainLength + 2;

    /// <summary>
    /// Writes <paramref name="points"/>, taking their prefixes from <paramref name="prefixes"/> where they fall on
    /// its steps (a range answer's points all do).
    /// </summary>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<Point> points, StepPointPrefixes? prefixes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1024, points.Length * 48));
        try
        {
            int length = Format(points, prefixes, ref buffer);
            json.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The array's text into <paramref name="buffer"/> (rented from the shared pool, and replaced by a larger one
    /// from there when full); returns its length.
    /// </summary>
    private static int Format(ReadOnlySpan<Point> points, StepPointPrefixes? prefixes, ref byte[] buffer)
    {
        int length = 0;
        buffer[length++] = (byte)'[';
        int step = 0;
        // Consecutive values are often equal (a gauge that holds still, a rate of a counter that does not move):
        // the text of the previous one, where it lies in the buffer, is copied rather than formatted again.
        ulong previousBits = 0;
        int previousStart = 0, previousLength = 0;
        foreach (var p in points)
        {
            if (buffer.Length - length < MaxPointLength) Grow(ref buffer, length);
            if (length > 1) buffer[length++] = (byte)',';
            if (prefixes is not null && prefixes.TryFindStep(p.T, ref step))
            {
                length += prefixes.CopyTo(step, ref buffer[length]);
                step++;
            }
            else
            {
                length += StepPointPrefixes.WriteUncached(p.T, buffer.AsSpan(length));
            }
            ulong bits = BitConverter.DoubleToUInt64Bits(p.F);
            if (bits == previousBits && previousLength > 0)
            {
                buffer.AsSpan(previousStart, previousLength).CopyTo(buffer.AsSpan(length));
            }
            else
            {
                previousBits = bits;
                previousLength = GoFloatText.FormatPlainUtf8(p.F, buffer.AsSpan(length));
            }
            previousStart = length;
            length += previousLength;
            buffer[length++] = (byte)'"';
            buffer[length++] = (byte)']';
        }
        buffer[length++] = (byte)']';
        return length;
    }

    private static void Grow(ref byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
