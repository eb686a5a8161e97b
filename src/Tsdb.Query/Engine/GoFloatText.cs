using System.Globalization;

namespace Tsdb.Query.Engine;

/// <summary>Float text as Go's strconv writes and reads it: sample values in the API, numbers in label values.</summary>
public static class GoFloatText
{
    /// <summary>Room for any plain rendering: 17 significant digits, up to 308 zeros, sign and point.</summary>
    public const int MaxPlainLength = 330;

    /// <summary>
    /// <see cref="FormatPlain"/> as UTF-8 into <paramref name="destination"/> (at least <see cref="MaxPlainLength"/>
    /// bytes) without allocating for the usual magnitudes; returns the length written.
    /// </summary>
    public static int FormatPlainUtf8(double v, Span<byte> destination)
    {
        if (double.IsFinite(v) && v.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture)
            && destination[..written].IndexOf((byte)'E') < 0)
            return written;
        // Exponent form (below 1e-4 or from 1e15 on) and the special values take the general path.
        var text = FormatPlain(v);
        for (int i = 0; i < text.Length; i++) destination[i] = (byte)text[i];
        return text.Length;
    }

    /// <summary>strconv.FormatFloat(v, 'f', -1, 64): the shortest round-tripping digits, never an exponent.</summary>
    public static string FormatPlain(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "+Inf";
        if (double.IsNegativeInfinity(v)) return "-Inf";
        var r = v.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E');
        if (e < 0) return r;
        int exp = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = r[..e];
        bool negative = mantissa.StartsWith('-');
        if (negative) mantissa = mantissa[1..];
        int dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointAt = (dot < 0 ? mantissa.Length : dot) + exp;
        string plain = pointAt <= 0
            ? "0." + new string('0', -pointAt) + digits
            : pointAt >= digits.Length
                ? digits + new string('0', pointAt - digits.Length)
                : digits[..pointAt] + "." + digits[pointAt..];
        return negative ? "-" + plain : plain;
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
