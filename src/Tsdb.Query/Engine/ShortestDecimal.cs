using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Tsdb.Query.Engine;

/// <summary>
/// The shortest decimal <c>Digits x 10^Exponent</c> that reads back as a given finite, positive double (the
/// closest such one, ties to an even last digit; no trailing zeros in the digits), found with integer arithmetic
/// only: the Schubfach algorithm (Raffaello Giulietti, "The Schubfach way to render doubles", 2020). Sample values
/// are formatted by the million in range query answers; Schubfach needs three 128-bit products and one try at a
/// shorter decimal where digit-by-digit shortening (Ryu) needs up to five rounds of divisions.
/// </summary>
internal static class ShortestDecimal
{
    private const int MantissaBits = 52;

    /// <summary>The exponent of the least significant bit of a subnormal double (and of the smallest normal ones).</summary>
    private const int MinBinaryExponent = -1074;

    /// <summary>The smallest and largest powers of ten the scaling below needs: floor(log10(2^q)) for every double's q.</summary>
    private const int MinDecimalExponent = -324;
    private const int MaxDecimalExponent = 292;

    /// <summary>
    /// For each k from <see cref="MinDecimalExponent"/>: g = floor(10^-k / 2^r) + 1 for the r that puts g in
    /// [2^125, 2^126), as two 63-bit halves (high, low), so that 10^-k lies just below g x 2^r.
    /// </summary>
    private static readonly ulong[] ScaledPowersOfTen = BuildScaledPowersOfTen();

    private const ulong Low63Bits = (1UL << 63) - 1;

    /// <summary>Decomposes <paramref name="v"/> (finite and above zero) into its shortest round-tripping digits and exponent.</summary>
    public static (ulong Digits, int Exponent) Of(double v)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(v);
        ulong fraction = bits & ((1UL << MantissaBits) - 1);
        int biasedExponent = (int)(bits >> MantissaBits) & 0x7FF;
        // v = c x 2^q with c an integer: the significand with its hidden bit, or a subnormal's fraction alone.
        ulong c = biasedExponent == 0 ? fraction : fraction | (1UL << MantissaBits);
        int q = biasedExponent == 0 ? MinBinaryExponent : biasedExponent - 1075;

        // The rounding interval of v (the reals that read back as v) in units of 2^q / 4: from cbl to cbr around
        // cb, closed when c is even (ties round to even c). It is narrower below at powers of two, where the gap
        // to the next smaller double halves.
        bool odd = (c & 1) != 0;
        ulong cb = c << 2;
        ulong cbr = cb + 2;
        ulong cbl;
        int k;
        if (c != 1UL << MantissaBits || q == MinBinaryExponent)
        {
            cbl = cb - 2;
            k = FloorLog10Pow2(q);
        }
        else
        {
            cbl = cb - 1;
            k = FloorLog10ThreeQuartersPow2(q);
        }

        // The interval scaled by 10^-k, in quarters: s = floor(v / 10^k) has 16 or 17 digits for normal doubles.
        int h = q + FloorLog2Pow10(-k) + 2;
        ref ulong g = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ScaledPowersOfTen), 2 * (k - MinDecimalExponent));
        ulong g1 = g, g0 = Unsafe.Add(ref g, 1);
        ulong vb = RoundToOddProduct(g1, g0, cb << h);
        ulong vbl = RoundToOddProduct(g1, g0, cbl << h) + (odd ? 1UL : 0UL);
        ulong vbr = RoundToOddProduct(g1, g0, cbr << h) - (odd ? 1UL : 0UL);

        ulong s = vb >> 2;
        // The interval is narrower than 10^(k+1), so it holds at most one multiple of that: if it holds one, that
        // is the shortest decimal there is (with trailing zeros to strip).
        ulong sp10 = s / 10 * 10;
        ulong tp10 = sp10 + 10;
        bool upin = vbl <= sp10 << 2;
        bool wpin = tp10 << 2 <= vbr;
        if (upin != wpin) return WithoutTrailingZeros(upin ? sp10 : tp10, k);

        // Otherwise the interval holds s x 10^k or (s + 1) x 10^k, or both, then the closer one (ties to even).
        // Which one is a coin toss for seventeen-digit values, so it is computed rather than branched on: a
        // mispredicted branch costs more than the whole comparison.
        bool sIn = vbl <= s << 2;
        bool tIn = (s + 1) << 2 <= vbr;
        long pastMiddle = (long)(vb - ((2 * s + 1) << 1));
        bool closerToT = pastMiddle > 0 | (pastMiddle == 0 & (s & 1) != 0);
        bool takeT = !sIn | (tIn & closerToT);
        return WithoutTrailingZeros(s + (takeT ? 1UL : 0UL), k);
    }

    /// <summary>
    /// cp x g / 2^127 for g = g1 x 2^63 + g0, rounded to odd: truncated, with the lowest bit set if anything was
    /// cut off, so that comparisons against multiples of four come out as they would exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RoundToOddProduct(ulong g1, ulong g0, ulong cp)
    {
        ulong x1 = MultiplyHigh(g0, cp);
        ulong y1 = MultiplyHigh(g1, cp);
        ulong y0 = g1 * cp;
        ulong z = (y0 >> 1) + x1;
        ulong vbp = y1 + (z >> 63);
        return vbp | (((z & Low63Bits) + Low63Bits) >> 63);
    }

    /// <summary>
    /// The high word of the 128-bit product. Math.BigMul hands back the low word through memory, which costs
    /// stores, loads and zeroing the stack slots on every call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyHigh(ulong a, ulong b) => Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    /// <summary><paramref name="digits"/> x 10^<paramref name="exponent"/> with the zeros at the end of the digits moved to the exponent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Digits, int Exponent) WithoutTrailingZeros(ulong digits, int exponent)
    {
        // n is a multiple of 2^j x d (d odd) if and only if n times the inverse of d modulo 2^64, rotated right
        // by j bits, is at most (2^64 - 1) / (2^j x d); it is then the quotient (Granlund and Montgomery).
        // Most digits end in no zero at all (seventeen-digit quotients), so that is tried first.
        ulong quotient = BitOperations.RotateRight(digits * InverseOf5, 1);
        if (quotient > ulong.MaxValue / 10) return (digits, exponent);
        return WithoutMoreTrailingZeros(quotient, exponent + 1);
    }

    /// <summary><see cref="WithoutTrailingZeros"/> after the first zero, for short decimals (34.99, 0.5) with up to 20.</summary>
    private static (ulong Digits, int Exponent) WithoutMoreTrailingZeros(ulong digits, int exponent)
    {
        const ulong InverseOf5To8 = 0xC767_074B_22E9_0E21;
        const ulong InverseOf25 = 0x8F5C_28F5_C28F_5C29;
        ulong quotient;
        while ((quotient = BitOperations.RotateRight(digits * InverseOf5To8, 8)) <= ulong.MaxValue / 100_000_000)
        {
            digits = quotient;
            exponent += 8;
        }
        while ((quotient = BitOperations.RotateRight(digits * InverseOf25, 2)) <= ulong.MaxValue / 100)
        {
            digits = quotient;
            exponent += 2;
        }
        if ((quotient = BitOperations.RotateRight(digits * InverseOf5, 1)) <= ulong.MaxValue / 10)
        {
            digits = quotient;
            exponent++;
        }
        return (digits, exponent);
    }

    private const ulong InverseOf5 = 0xCCCC_CCCC_CCCC_CCCD;

    /// <summary>floor(e log10(2)) for e from -1750 to 1750 (Giulietti's constants).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FloorLog10Pow2(int e) => (int)((e * 661_971_961_083L) >> 41);

    /// <summary>floor(log10(3/4 x 2^e)) for e from -1750 to 1750.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FloorLog10ThreeQuartersPow2(int e) => (int)((e * 661_971_961_083L - 274_743_187_321L) >> 41);

    /// <summary>floor(e log2(10)) for e from -340 to 340.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FloorLog2Pow10(int e) => (int)((e * 913_124_641_741L) >> 38);

    private static ulong[] BuildScaledPowersOfTen()
    {
        var table = new ulong[2 * (MaxDecimalExponent - MinDecimalExponent + 1)];
        for (int k = MinDecimalExponent; k <= MaxDecimalExponent; k++)
        {
            // 10^-k = beta x 2^r with beta in [2^125, 2^126): r is floor(log2(10^-k)) - 125.
            int r = FloorLog2Pow10(-k) - 125;
            var power = BigInteger.Pow(10, Math.Abs(k));
            var beta = k <= 0
                ? (r >= 0 ? power >> r : power << -r)
                : (BigInteger.One << -r) / power;
            if (beta.GetBitLength() != 126) throw new InvalidOperationException($"10^{-k} is not scaled into [2^125, 2^126) by 2^{-r}");
            var g = beta + 1;
            table[2 * (k - MinDecimalExponent)] = (ulong)(g >> 63);
            table[2 * (k - MinDecimalExponent) + 1] = (ulong)(g & Low63Bits);
        }
        return table;
    }
}
