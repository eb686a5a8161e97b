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
        // The divisions that peel digits off form dependency chains; blocks of eight digits split into four
        // independent pairs keep the chains short (a 17-digit sample value is two blocks and one digit).
        int i = count;
        for (; i >= 8; i -= 8)
        {
            ulong quotient = value / 100_000_000;
            WriteEight((uint)(value - quotient * 100_000_000), destination.Slice(i - 8, 8));
            value = quotient;
        }
        var pairs = DigitPairs;
        uint rest = (uint)(value % 100_000_000);
        for (; i >= 2; i -= 2)
        {
            uint quotient = rest / 100;
            int pair = (int)(rest - quotient * 100) * 2;
            destination[i - 1] = pairs[pair + 1];
            destination[i - 2] = pairs[pair];
            rest = quotient;
        }
        if (i == 1) destination[0] = (byte)('0' + rest % 10);
    }

    /// <summary>Eight digits, leading zeros included, of a number below 10^8.</summary>
    private static void WriteEight(uint value, Span<byte> destination)
    {
        var pairs = DigitPairs;
        uint high = value / 10_000, low = value - high * 10_000;
        uint a = high / 100, b = high - a * 100, c = low / 100, d = low - c * 100;
        destination[7] = pairs[(int)d * 2 + 1];
        destination[6] = pairs[(int)d * 2];
        destination[5] = pairs[(int)c * 2 + 1];
        destination[4] = pairs[(int)c * 2];
        destination[3] = pairs[(int)b * 2 + 1];
        destination[2] = pairs[(int)b * 2];
        destination[1] = pairs[(int)a * 2 + 1];
        destination[0] = pairs[(int)a * 2];
    }

    /// <summary>"00", "01", ... "99" back to back.</summary>
    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

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
