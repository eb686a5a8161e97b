using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tsdb.Query.Engine;

/// <summary>
/// The shortest decimal <c>Digits x 10^Exponent</c> that reads back as a given finite, positive double (the
/// closest such one, ties to an even last digit), found with integer arithmetic only: the Ryu algorithm
/// (Ulf Adams, PLDI 2018). Sample values are formatted by the million in range query answers, and going
/// through the runtime's general number formatting cost more than evaluating the query.
/// </summary>
internal static class ShortestDecimal
{
    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;
    private const int Pow5BitCount = 125;
    private const int Pow5InverseBitCount = 125;

    /// <summary>5^i scaled to exactly <see cref="Pow5BitCount"/> bits (truncated).</summary>
    private static readonly UInt128[] Pow5 = BuildPow5(326);

    /// <summary>2^(bits(5^i) - 1 + <see cref="Pow5InverseBitCount"/>) / 5^i, rounded up.</summary>
    private static readonly UInt128[] Pow5Inverse = BuildPow5Inverse(342);

    /// <summary>Decomposes <paramref name="v"/> (finite and above zero) into its shortest round-tripping digits and exponent.</summary>
    public static (ulong Digits, int Exponent) Of(double v)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(v);
        ulong ieeeMantissa = bits & ((1UL << MantissaBits) - 1);
        int ieeeExponent = (int)(bits >> MantissaBits) & 0x7FF;
        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - ExponentBias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = ieeeExponent - ExponentBias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | ieeeMantissa;
        }
        bool acceptBounds = (m2 & 1) == 0;

        // The value and the midpoints to its neighbours, times 4 so they are integers: mv, mv + 2, mv - 1 or 2.
        ulong mv = 4 * m2;
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;

        // Scale the interval by a power of ten so its digits fall out of 64-bit integers.
        ulong vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false, vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            int q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            int k = Pow5InverseBitCount + Pow5Bits(q) - 1;
            int i = -e2 + q + k;
            (vr, vp, vm) = MulShiftAll(m2, Pow5Inverse[q], i, mmShift);
            if (q <= 21)
            {
                // Only here can an interval end be an exact multiple of 10^q, i.e. the scaled value be exact.
                if (mv % 5 == 0) vrIsTrailingZeros = IsMultipleOfPowerOf5(mv, q);
                else if (acceptBounds) vmIsTrailingZeros = IsMultipleOfPowerOf5(mv - 1 - mmShift, q);
                else vp -= IsMultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
            }
        }
        else
        {
            int q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            int i = -e2 - q;
            int k = Pow5Bits(i) - Pow5BitCount;
            int j = q - k;
            (vr, vp, vm) = MulShiftAll(m2, Pow5[i], j, mmShift);
            if (q <= 1)
            {
                // mv has at least q trailing zero bits, and the scaled ends are exact.
                vrIsTrailingZeros = true;
                if (acceptBounds) vmIsTrailingZeros = mmShift == 1;
                else vp--;
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = IsMultipleOfPowerOf2(mv, q);
            }
        }

        // Drop digits while the interval still holds a shorter number, rounding what is left to the closest.
        int removed = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            uint lastRemovedDigit = 0;
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (uint)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (uint)(vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }
            // Exactly halfway between two candidates: round to even.
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) lastRemovedDigit = 4;
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            // The common case: nothing exact to keep track of, and rounding looks at the first removed digit only.
            // A digit can go while vp and vm still differ above it, so the digits to drop are the most for which
            // they do, fewer than 32: trying 16, 8, 4, 2 and 1 at once finds them in five steps, where one digit at
            // a time would take up to seventeen (short decimals such as 0.1 lose that many).
            bool roundUp = false;
            removed += 16 * DropDigitsIfStillApart(10_000_000_000_000_000, ref vr, ref vp, ref vm, ref roundUp);
            removed += 8 * DropDigitsIfStillApart(100_000_000, ref vr, ref vp, ref vm, ref roundUp);
            removed += 4 * DropDigitsIfStillApart(10_000, ref vr, ref vp, ref vm, ref roundUp);
            removed += 2 * DropDigitsIfStillApart(100, ref vr, ref vp, ref vm, ref roundUp);
            removed += DropDigitsIfStillApart(10, ref vr, ref vp, ref vm, ref roundUp);
            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }
        return (output, e10 + removed);
    }

    /// <summary>
    /// Divides vr, vp and vm by <paramref name="powerOfTen"/> if vp and vm still differ after it, noting whether the
    /// first of vr's dropped digits rounds it up; returns 1 if it did, else 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DropDigitsIfStillApart(ulong powerOfTen, ref ulong vr, ref ulong vp, ref ulong vm, ref bool roundUp)
    {
        ulong vpShorter = vp / powerOfTen, vmShorter = vm / powerOfTen;
        if (vpShorter <= vmShorter) return 0;
        ulong vrShorter = vr / powerOfTen;
        roundUp = vr - vrShorter * powerOfTen >= powerOfTen / 2;
        vr = vrShorter;
        vp = vpShorter;
        vm = vmShorter;
        return 1;
    }

    /// <summary>
    /// floor(4 m2 x multiplier / 2^shift), returned, and the same for the interval ends 4 m2 + 2 and
    /// 4 m2 - 1 - <paramref name="mmShift"/>, for a shift from 118 to 125 (what the exponents give). The three share one 64 x 128-bit product,
    /// of 2 m2: the ends are it plus or minus the multiplier (or twice it minus the multiplier).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Vr, ulong Vp, ulong Vm) MulShiftAll(ulong m2, UInt128 multiplier, int shift, uint mmShift)
    {
        ulong mulLow = (ulong)multiplier, mulHigh = (ulong)(multiplier >> 64);
        // 2 m2 x multiplier as three words (high, middle, low); m2 has at most 53 bits and the multiplier 125.
        ulong m = 2 * m2;
        UInt128 lowProduct = Math.BigMul(m, mulLow), highProduct = Math.BigMul(m, mulHigh);
        ulong low = (ulong)lowProduct, lowCarry = (ulong)(lowProduct >> 64);
        ulong middlePart = (ulong)highProduct, high = (ulong)(highProduct >> 64);
        ulong middle = middlePart + lowCarry;
        high += middle < lowCarry ? 1UL : 0UL;

        // The multiplier is below 2^125, so neither word sum below can wrap all the way round to its first term.
        ulong lowPlus = low + mulLow;
        ulong middlePlus = middle + mulHigh + (lowPlus < low ? 1UL : 0UL);
        ulong highPlus = high + (middlePlus < middle ? 1UL : 0UL);
        ulong vp = ShiftRight(middlePlus, highPlus, shift - 64 - 1);

        ulong vm;
        if (mmShift == 1)
        {
            ulong lowMinus = low - mulLow;
            ulong middleMinus = middle - mulHigh - (lowMinus > low ? 1UL : 0UL);
            ulong highMinus = high - (middleMinus > middle ? 1UL : 0UL);
            vm = ShiftRight(middleMinus, highMinus, shift - 64 - 1);
        }
        else
        {
            ulong lowTwice = low + low;
            ulong middleTwice = middle + middle + (lowTwice < low ? 1UL : 0UL);
            ulong highTwice = high + high + (middleTwice < middle ? 1UL : 0UL);
            ulong lowMinus = lowTwice - mulLow;
            ulong middleMinus = middleTwice - mulHigh - (lowMinus > lowTwice ? 1UL : 0UL);
            ulong highMinus = highTwice - (middleMinus > middleTwice ? 1UL : 0UL);
            vm = ShiftRight(middleMinus, highMinus, shift - 64);
        }
        return (ShiftRight(middle, high, shift - 64 - 1), vp, vm);
    }

    /// <summary>The low word of (high x 2^64 + low) >> distance, for a distance from 1 to 63.</summary>
    private static ulong ShiftRight(ulong low, ulong high, int distance) => (high << (64 - distance)) | (low >> distance);

    /// <summary>ceil(log2(5^e)) for e from 1 to 3528 (and 1 for 0).</summary>
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    /// <summary>floor(log10(2^e)) for e from 0 to 1650.</summary>
    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    /// <summary>floor(log10(5^e)) for e from 0 to 2620.</summary>
    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static bool IsMultipleOfPowerOf5(ulong value, int p)
    {
        int count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }
        return count >= p;
    }

    private static bool IsMultipleOfPowerOf2(ulong value, int p) => (value & ((1UL << p) - 1)) == 0;

    private static UInt128[] BuildPow5(int count)
    {
        var table = new UInt128[count];
        for (int i = 0; i < count; i++)
        {
            var pow = BigInteger.Pow(5, i);
            int excess = (int)pow.GetBitLength() - Pow5BitCount;
            table[i] = (UInt128)(excess >= 0 ? pow >> excess : pow << -excess);
        }
        return table;
    }

    private static UInt128[] BuildPow5Inverse(int count)
    {
        var table = new UInt128[count];
        for (int i = 0; i < count; i++)
        {
            var pow = BigInteger.Pow(5, i);
            int shift = (int)pow.GetBitLength() - 1 + Pow5InverseBitCount;
            table[i] = (UInt128)((BigInteger.One << shift) / pow + 1);
        }
        return table;
    }
}
