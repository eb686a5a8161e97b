using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tsdb.Query.Engine;

/// <summary>
/// Unsigned integers as ASCII decimal digits, written straight into a byte span: the numbers of a query answer
/// (timestamps, sample value digits) are written by the million and need no culture or format parsing.
/// </summary>
public static class DecimalDigits
{
    /// <summary>The most digits a <see cref="ulong"/> has.</summary>
    public const int MaxCount = 20;

    /// <summary>Where the fast writes may store whole eight-byte words, they need this much room.</summary>
    private const int WordSize = sizeof(ulong);

    /// <summary>10^0 to 10^19.</summary>
    private static ReadOnlySpan<ulong> PowersOfTen =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    /// <summary>How many digits <paramref name="value"/> has (1 for 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(ulong value)
    {
        // A number of 2^b to 2^(b+1) - 1 has floor(b log10(2)) + 1 digits or one more; log10(2) is about
        // 1233/4096, close enough for b below 64. Zero counts as b = 0.
        int fewest = ((BitOperations.Log2(value) * 1233) >> 12) + 1;
        return fewest + (value >= Unsafe.Add(ref MemoryMarshal.GetReference(PowersOfTen), fewest) ? 1 : 0);
    }

    /// <summary>
    /// Writes <paramref name="value"/> as exactly <paramref name="count"/> digits (1 to 20; leading zeros if it has
    /// fewer, and it may not have more) into the start of <paramref name="destination"/>.
    /// </summary>
    public static void Write(ulong value, int count, Span<byte> destination)
    {
        if (count is < 1 or > MaxCount || (count < MaxCount && value >= PowersOfTen[count])) ThrowDoesNotFit(value, count);
        if (destination.Length >= Math.Max(count, WordSize)) WriteWithSlack(value, count, ref MemoryMarshal.GetReference(destination));
        else WriteThroughRoomierBuffer(value, count, destination);
    }

    // The rare paths apart, so the common one needs no stack buffer or exception set-up.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteThroughRoomierBuffer(ulong value, int count, Span<byte> destination)
    {
        Span<byte> roomy = stackalloc byte[MaxCount];
        WriteWithSlack(value, count, ref MemoryMarshal.GetReference(roomy));
        roomy[..count].CopyTo(destination);
    }

    [DoesNotReturn]
    private static void ThrowDoesNotFit(ulong value, int count) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, $"{value} does not fit in {count} digits");

    /// <summary>Writes all digits of <paramref name="value"/>; returns how many.</summary>
    public static int Write(ulong value, Span<byte> destination)
    {
        int count = Count(value);
        Write(value, count, destination);
        return count;
    }

    /// <summary>
    /// Writes <paramref name="value"/> (below 10^<paramref name="count"/>) as <paramref name="count"/> digits at
    /// <paramref name="destination"/>, unchecked: there must be room for eight bytes or <paramref name="count"/>,
    /// whichever is more, and the bytes after the digits up to the eighth are overwritten. Returns the first eight
    /// bytes written as a little-endian word, for a caller that reworks them: reading them back would wait for
    /// the overlapping word stores to reach the cache (no store forwards a load that spans two stores).
    /// </summary>
    internal static ulong WriteWithSlack(ulong value, int count, ref byte destination)
    {
        // Blocks of eight digits, each one word store. The leading block is shorter unless count is a multiple of
        // eight; it is stored first, as a whole word from the start, and the next block's store covers its slack.
        if (count <= 8)
        {
            ulong only = LeadingDigits(EightDigits((uint)value), count);
            WriteLittleEndian(ref destination, only);
            return only;
        }
        // Nine to twenty digits: a leading block of one to eight, then one or two full blocks. Whether there are
        // two is a coin toss for seventeen-digit sample values (sixteen or seventeen digits), so both layouts are
        // written by the same stores: the middle block goes right after the leading one, where the last block
        // overwrites it when there are only two blocks.
        ulong upper = value / 100_000_000;
        ulong top = upper / 100_000_000;
        ulong middleValue = upper - top * 100_000_000, lowestValue = value - upper * 100_000_000;
        ulong topDigits, middle, lowest;
        if (Vector256.IsHardwareAccelerated && Avx512DQ.VL.IsSupported)
        {
            // One lane per block: the three blocks' digits at the cost of one.
            var blocks = EightDigitsEach(Vector256.Create(top, middleValue, lowestValue, 0));
            (topDigits, middle, lowest) = (blocks.GetElement(0), blocks.GetElement(1), blocks.GetElement(2));
        }
        else
        {
            (topDigits, middle, lowest) = (EightDigits((uint)top), EightDigits((uint)middleValue), EightDigits((uint)lowestValue));
        }
        bool threeBlocks = count > 16;
        int leadingCount = threeBlocks ? count - 16 : count - 8;
        ulong leading = LeadingDigits(threeBlocks ? topDigits : middle, leadingCount);
        WriteLittleEndian(ref destination, leading);
        WriteLittleEndian(ref Unsafe.Add(ref destination, leadingCount), middle);
        WriteLittleEndian(ref Unsafe.Add(ref destination, count - 8), lowest);
        // The block after the leading one within the first word; shifted in two steps so that a full leading
        // block (eight digits) shifts it out entirely rather than by 64 mod 64 = 0 bits.
        ulong second = threeBlocks ? middle : lowest;
        return leading | ((second << (8 * leadingCount - 1)) << 1);
    }

    /// <summary>
    /// The eight digits of a number below 10^8 (leading zeros included) as ASCII bytes in one word, the first digit
    /// in the lowest byte: the order of the digits in memory once stored little-endian.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(uint value)
    {
        // One division splits the number into halves of four digits, one per 32-bit lane (the leading half in the
        // low lane). Then every lane is split at once by dividing with a multiplication and a shift, exact in the
        // ranges here and never carrying into the next lane: halves into pairs in 16-bit lanes (x / 100 is
        // x * 10486 >> 20 below 10^4), pairs into digits in bytes (x / 10 is x * 103 >> 10 below 100).
        ulong leadingHalf = value / 10_000;
        ulong halves = leadingHalf | ((value - leadingHalf * 10_000) << 32);
        ulong leadingPairs = ((halves * 10486) >> 20) & 0x0000_007F_0000_007F;
        ulong pairs = leadingPairs | ((halves - leadingPairs * 100) << 16);
        ulong leadingDigits = ((pairs * 103) >> 10) & 0x000F_000F_000F_000F;
        ulong digits = leadingDigits | ((pairs - leadingDigits * 10) << 8);
        return digits + 0x3030_3030_3030_3030;
    }

    /// <summary>
    /// <see cref="EightDigits"/> in each lane at once, for numbers below 10^8: the same steps, with 64-bit lane
    /// multiplications (AVX-512 DQ), and the division by 10^4 as a multiplication by 2^45 / 10^4 rounded up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> EightDigitsEach(Vector256<ulong> value)
    {
        var leadingHalf = (value * 0xD1B7_1759UL) >> 45;
        var halves = leadingHalf | ((value - leadingHalf * 10_000UL) << 32);
        var leadingPairs = ((halves * 10486UL) >> 20) & Vector256.Create(0x0000_007F_0000_007FUL);
        var pairs = leadingPairs | ((halves - leadingPairs * 100UL) << 16);
        var leadingDigits = ((pairs * 103UL) >> 10) & Vector256.Create(0x000F_000F_000F_000FUL);
        var digits = leadingDigits | ((pairs - leadingDigits * 10UL) << 8);
        return digits + Vector256.Create(0x3030_3030_3030_3030UL);
    }

    /// <summary>The last <paramref name="count"/> (1 to 8) of <see cref="EightDigits"/>' digits, moved to the low bytes.</summary>
    private static ulong LeadingDigits(ulong eightDigits, int count) => eightDigits >> (8 * (8 - count));

    /// <summary>Stores a word whose lowest byte is to come first in memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WriteLittleEndian(ref byte destination, ulong word) =>
        Unsafe.WriteUnaligned(ref destination, BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word));
}
