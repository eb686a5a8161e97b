using System.Globalization;
using System.Text;

namespace Tsdb.Query.Engine;

/// <summary>Float text as Go's strconv writes and reads it: sample values in the API, numbers in label values.</summary>
public static class GoFloatText
{
    /// <summary>Room for any plain rendering: 17 significant digits, up to 308 zeros, sign and point.</summary>
    public const int MaxPlainLength = 330;

    /// <summary>
    /// <see cref="FormatPlain"/> as UTF-8 into <paramref name="destination"/> (at least <see cref="MaxPlainLength"/>
    /// bytes) without allocating; returns the length written.
    /// </summary>
    public static int FormatPlainUtf8(double v, Span<byte> destination)
    {
        if (!double.IsFinite(v)) return Copy(double.IsNaN(v) ? "NaN"u8 : v > 0 ? "+Inf"u8 : "-Inf"u8, destination);
        int length = 0;
        // Go keeps the sign of zero: -0 is "-0".
        if (double.IsNegative(v))
        {
            destination[length++] = (byte)'-';
            v = -v;
        }
        if (v == 0)
        {
            destination[length++] = (byte)'0';
            return length;
        }
        var (digits, exponent) = ShortestDecimal.Of(v);
        int count = DecimalDigits.Count(digits);
        // Where the decimal point goes, counted in digits from the first significant one.
        int pointAt = count + exponent;
        if (pointAt <= 0)
        {
            destination[length++] = (byte)'0';
            destination[length++] = (byte)'.';
            destination.Slice(length, -pointAt).Fill((byte)'0');
            length += -pointAt;
            DecimalDigits.Write(digits, count, destination[length..]);
            return length + count;
        }
        if (pointAt >= count)
        {
            DecimalDigits.Write(digits, count, destination[length..]);
            length += count;
            destination.Slice(length, pointAt - count).Fill((byte)'0');
            return length + pointAt - count;
        }
        // The digits after the point are the low ones: split the number there.
        ulong scale = 1;
        for (int i = pointAt; i < count; i++) scale *= 10;
        ulong whole = digits / scale;
        DecimalDigits.Write(whole, pointAt, destination[length..]);
        length += pointAt;
        destination[length++] = (byte)'.';
        DecimalDigits.Write(digits - whole * scale, count - pointAt, destination[length..]);
        return length + count - pointAt;
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
