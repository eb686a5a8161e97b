using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Tsdb.Query.Engine;

/// <summary>Float text as Go's strconv writes and reads it: sample values in the API, numbers in label values.</summary>
public static class GoFloatText
{
    /// <summary>
    /// Room for any plain rendering and the slack of writing its digits a word at a time: the longest is that of
    /// 5e-324 (sign, "0.", 323 zeros, a digit), whose one digit is stored as a whole word.
    /// </summary>
    public const int MaxPlainLength = 1 + 2 + 323 + 8;

    /// <summary>
    /// <see cref="FormatPlain"/> as UTF-8 into <paramref name="destination"/> (at least <see cref="MaxPlainLength"/>
    /// bytes, any of which may be overwritten) without allocating; returns the length written.
    /// </summary>
    public static int FormatPlainUtf8(double v, Span<byte> destination)
    {
        if (destination.Length < MaxPlainLength) ThrowTooShort(destination.Length);
        if (!double.IsFinite(v)) return Copy(double.IsNaN(v) ? "NaN"u8 : v > 0 ? "+Inf"u8 : "-Inf"u8, destination);
        ref byte text = ref MemoryMarshal.GetReference(destination);
        // Go keeps the sign of zero: -0 is "-0".
        if (double.IsNegative(v))
        {
            text = (byte)'-';
            return 1 + FormatMagnitude(-v, ref Unsafe.Add(ref text, 1));
        }
        return FormatMagnitude(v, ref text);
    }

    // Apart, so that the hot path does not set up (and zero) the message's formatting state on every call.
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooShort(int length) =>
        throw new ArgumentException($"{length} bytes are fewer than the {MaxPlainLength} a float may need", "destination");

    /// <summary>Whole numbers from 2^53 on are no longer all doubles.</summary>
    private const double FirstInexactWholeNumber = 9007199254740992;

    /// <summary>"0." and the first six zeros after it, all of them for numbers from 10^-7.</summary>
    private static ReadOnlySpan<byte> FractionStart => "0.000000"u8;

    /// <summary>
    /// The plain text of a finite <paramref name="v"/> from 0 on, written unchecked at <paramref name="text"/>, which
    /// has <see cref="MaxPlainLength"/> - 1 bytes of room to scribble on; returns the length.
    /// </summary>
    private static int FormatMagnitude(double v, ref byte text)
    {
        // Whole numbers below 2^53 (counters, gauges, zero) are exact, and no decimal with fewer digits lies within
        // the half unit either side that still reads back as them: their digits are their shortest text.
        if (v < FirstInexactWholeNumber && v == (long)v)
        {
            ulong whole = (ulong)(long)v;
            int wholeCount = DecimalDigits.Count(whole);
            DecimalDigits.WriteWithSlack(whole, wholeCount, ref text);
            return wholeCount;
        }
        var (digits, exponent) = ShortestDecimal.Of(v);
        int count = DecimalDigits.Count(digits);
        // Where the decimal point goes, counted in digits from the first significant one.
        int pointAt = count + exponent;
        if (pointAt <= 0)
        {
            int zeros = -pointAt;
            Unsafe.WriteUnaligned(ref text, Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference(FractionStart)));
            int moreZeros = zeros - (FractionStart.Length - 2);
            if (moreZeros > 0) MemoryMarshal.CreateSpan(ref Unsafe.Add(ref text, FractionStart.Length), moreZeros).Fill((byte)'0');
            DecimalDigits.WriteWithSlack(digits, count, ref Unsafe.Add(ref text, 2 + zeros));
            return 2 + zeros + count;
        }
        if (pointAt >= count)
        {
            DecimalDigits.WriteWithSlack(digits, count, ref text);
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref text, count), pointAt - count).Fill((byte)'0');
            return pointAt;
        }
        // All digits one place to the right, then the whole part back one place to the left, making room for the
        // point: cheaper than dividing the digits into whole and fraction.
        ulong firstDigits = DecimalDigits.WriteWithSlack(digits, count, ref Unsafe.Add(ref text, 1));
        if (pointAt <= 8)
        {
            // One word: the whole digits in its low bytes, one place left of where they were written, and above
            // them the fraction's first digits as they were written.
            ulong wholeBytes = ulong.MaxValue >> (64 - 8 * pointAt);
            DecimalDigits.WriteLittleEndian(ref text, (firstDigits & wholeBytes) | ((firstDigits << 8) & ~wholeBytes));
        }
        else
        {
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref text, 1), pointAt).CopyTo(MemoryMarshal.CreateSpan(ref text, pointAt));
        }
        Unsafe.Add(ref text, pointAt) = (byte)'.';
        return count + 1;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>strconv.FormatFloat(v, 'f', -1, 64): the shortest round-tripping digits, never an exponent.</summary>
    public static string FormatPlain(double v)
    {
        Span<byte> text = stackalloc byte[MaxPlainLength];
        return Encoding.ASCII.GetString(text[..FormatPlainUtf8(v, text)]);
    }

    /// <summary>strconv.ParseFloat(s, 64) for the usual spellings: decimal, exponent, Inf/Infinity and NaN in any case.</summary>
    public static bool TryParse(string s, out double value)
    {
        var body = s.StartsWith('+') || s.StartsWith('-') ? s[1..] : s;
        bool negative = s.StartsWith('-');
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return s.Length == body.Length;
        }
        if (body.Length == 0 || !(char.IsAsciiDigit(body[0]) || body[0] == '.'))
        {
            value = 0;
            return false;
        }
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }
}
