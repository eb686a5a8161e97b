using System.Globalization;
using System.Text;

namespace Tsdb.Scrape.Parsing;

/// <summary>
/// Floats as the exposition formats write them, with Go's rules (Prometheus parses with
/// <c>strconv.ParseFloat</c> and writes with <c>strconv.FormatFloat(v, 'g', -1, 64)</c>).
/// </summary>
internal static class FloatText
{
    /// <summary>Prometheus's canonical NaN: every parsed NaN becomes this bit pattern.</summary>
    public const ulong NormalNaNBits = 0x7ff8000000000001UL;

    /// <summary>The longest text <see cref="Format"/> writes (sign, 17 digits, point, exponent).</summary>
    public const int MaxFormattedLength = 32;

    /// <summary>
    /// Parses a decimal float, <c>Inf</c>/<c>Infinity</c> with an optional sign, or <c>NaN</c>, all
    /// case-insensitive. Rejects hex floats, underscores, surrounding space and finite values that
    /// overflow to infinity, as Go does.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.IsEmpty) return false;
        int i = text[0] is (byte)'+' or (byte)'-' ? 1 : 0;
        var unsigned = text[i..];
        if (Ascii.EqualsIgnoreCase(unsigned, "inf"u8) || Ascii.EqualsIgnoreCase(unsigned, "infinity"u8))
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (i == 0 && Ascii.EqualsIgnoreCase(text, "nan"u8))
        {
            value = BitConverter.UInt64BitsToDouble(NormalNaNBits);
            return true;
        }

        // Validate Go's syntax while gathering the decimal digits as an integer, for the exact fast path.
        bool negative = text[0] == '-';
        int digits = 0, significantDigits = 0, fractionDigits = 0;
        ulong mantissa = 0;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            AddDigit(text[i++], ref mantissa, ref significantDigits);
            digits++;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
            {
                AddDigit(text[i++], ref mantissa, ref significantDigits);
                digits++;
                fractionDigits++;
            }
        }
        if (digits == 0) return false;
        int exponent = 0;
        if (i < text.Length && (text[i] | 0x20) == 'e')
        {
            i++;
            bool negativeExponent = i < text.Length && text[i] == '-';
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-') i++;
            int exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
            {
                if (exponent < 10_000) exponent = exponent * 10 + (text[i] - '0');
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) return false;
            if (negativeExponent) exponent = -exponent;
        }
        if (i != text.Length) return false;
        if (TryExact(mantissa, significantDigits, exponent - fractionDigits, out value))
        {
            if (negative) value = -value;
            return true;
        }
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return double.TryParse(text, style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    // Powers of ten that a double holds exactly.
    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private const int MaxGatheredDigits = 19; // 10^19 - 1 still fits in a ulong

    /// <summary>Appends a digit to the integer; leading zeros are not significant, and past 19 digits it is not used.</summary>
    private static void AddDigit(byte digit, ref ulong mantissa, ref int significantDigits)
    {
        if (mantissa == 0 && digit == '0') return;
        if (++significantDigits <= MaxGatheredDigits) mantissa = mantissa * 10 + (uint)(digit - '0');
    }

    /// <summary>
    /// Clinger's fast path: an integer of at most 53 bits times or divided by an exactly held power of ten
    /// is one correctly rounded operation, so the result equals the full parse. Most exposition values
    /// (counters, integers, short decimals) take it; the rest go to the general parser.
    /// </summary>
    private static bool TryExact(ulong mantissa, int significantDigits, int exponent, out double value)
    {
        value = 0;
        if (significantDigits > MaxGatheredDigits || mantissa > 1UL << 53) return false;
        if (mantissa == 0)
        {
            value = 0;
            return true;
        }
        if (exponent is < -22 or > 22) return false;
        value = exponent < 0 ? mantissa / ExactPowersOfTen[-exponent] : mantissa * ExactPowersOfTen[exponent];
        return true;
    }

    /// <summary>
    /// Writes the shortest text that parses back to <paramref name="value"/>, laid out like Go's
    /// <c>%g</c> with shortest precision: exponent form when the decimal exponent is below -4 or at
    /// least 6 (<c>1e+06</c>, <c>1.5e-05</c>), plain otherwise; <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.
    /// </summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (double.IsNaN(value)) return Copy("NaN"u8, destination);
        if (double.IsPositiveInfinity(value)) return Copy("+Inf"u8, destination);
        if (double.IsNegativeInfinity(value)) return Copy("-Inf"u8, destination);
        if (value == 0) return Copy(double.IsNegative(value) ? "-0"u8 : "0"u8, destination);

        // .NET's "R" yields the shortest round-trip digits; only their layout differs from Go's.
        Span<byte> shortest = stackalloc byte[MaxFormattedLength];
        value.TryFormat(shortest, out int length, "R", CultureInfo.InvariantCulture);
        shortest = shortest[..length];

        Span<byte> digits = stackalloc byte[MaxFormattedLength];
        int digitCount = 0, pointPosition = -1, exponent = 0;
        bool negative = shortest[0] == '-';
        for (int i = negative ? 1 : 0; i < shortest.Length; i++)
        {
            byte c = shortest[i];
            if (c == '.') pointPosition = digitCount;
            else if (c is (byte)'E' or (byte)'e')
            {
                exponent = int.Parse(shortest[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else digits[digitCount++] = c;
        }
        if (pointPosition < 0) pointPosition = digitCount;

        // Normalise to 0.d1d2d3... x 10^decimalPoint with no leading or trailing zeros.
        int leadingZeros = 0;
        while (digits[leadingZeros] == '0') leadingZeros++;
        var significant = digits[leadingZeros..digitCount];
        int trailing = significant.Length;
        while (significant[trailing - 1] == '0') trailing--;
        significant = significant[..trailing];
        int decimalPoint = pointPosition - leadingZeros + exponent;

        int pos = 0;
        if (negative) destination[pos++] = (byte)'-';
        int decimalExponent = decimalPoint - 1;
        if (decimalExponent < -4 || decimalExponent >= 6)
        {
            destination[pos++] = significant[0];
            if (significant.Length > 1)
            {
                destination[pos++] = (byte)'.';
                significant[1..].CopyTo(destination[pos..]);
                pos += significant.Length - 1;
            }
            destination[pos++] = (byte)'e';
            destination[pos++] = decimalExponent < 0 ? (byte)'-' : (byte)'+';
            int magnitude = Math.Abs(decimalExponent);
            if (magnitude < 10) destination[pos++] = (byte)'0';
            magnitude.TryFormat(destination[pos..], out int written, default, CultureInfo.InvariantCulture);
            return pos + written;
        }

        if (decimalPoint <= 0)
        {
            destination[pos++] = (byte)'0';
        }
        else
        {
            for (int i = 0; i < decimalPoint; i++)
                destination[pos++] = i < significant.Length ? significant[i] : (byte)'0';
        }
        int fractionDigits = significant.Length - decimalPoint;
        if (fractionDigits > 0)
        {
            destination[pos++] = (byte)'.';
            for (int i = 0; i < fractionDigits; i++)
            {
                int index = decimalPoint + i;
                destination[pos++] = index >= 0 ? significant[index] : (byte)'0';
            }
        }
        return pos;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
