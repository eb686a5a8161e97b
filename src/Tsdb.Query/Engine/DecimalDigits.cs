using System.Numerics;

namespace Tsdb.Query.Engine;

/// <summary>
/// Unsigned integers as ASCII decimal digits, written straight into a byte span: the numbers of a query answer
/// (timestamps, sample value digits) are written by the million and need no culture or format parsing.
/// </summary>
public static class DecimalDigits
{
    private static readonly ulong[] PowersOfTen = BuildPowersOfTen();

    /// <summary>How many digits <paramref name="value"/> has (1 for 0).</summary>
    public static int Count(ulong value)
    {
        // log10(2) is about 1233/4096: an estimate from the bit length, off by at most one below.
        int estimate = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return estimate + (estimate < PowersOfTen.Length && value >= PowersOfTen[estimate] ? 1 : 0) + (value == 0 ? 1 : 0);
    }

    /// <summary>Writes the <paramref name="count"/> low digits of <paramref name="value"/> (leading zeros if it has fewer) into the start of <paramref name="destination"/>.</summary>
    public static void Write(ulong value, int count, Span<byte> destination)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            ulong quotient = value / 10;
            destination[i] = (byte)('0' + (int)(value - quotient * 10));
            value = quotient;
        }
    }

    /// <summary>Writes all digits of <paramref name="value"/>; returns how many.</summary>
    public static int Write(ulong value, Span<byte> destination)
    {
        int count = Count(value);
        Write(value, count, destination);
        return count;
    }

    private static ulong[] BuildPowersOfTen()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10;
        return powers;
    }
}
