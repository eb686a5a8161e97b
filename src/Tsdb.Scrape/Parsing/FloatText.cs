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

        int digits = 0;
        while (i < text.Length && char.IsAsciiDigit((char)text[i])) { i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit((char)text[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < text.Length && (text[i] | 0x20) == 'e')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-') i++;
            int exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit((char)text[i])) { i++; exponentDigits++; }
            if (exponentDigits == 0) return false;
        }
        if (i != text.Length) return false;
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return double.TryParse(text, style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
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
