using System.Globalization;
using System.Text;

namespace Tsdb.Query.Parsing;

/// <summary>Float formatting and parsing with Go's rules, so printed queries read as Prometheus prints them.</summary>
internal static class GoFloat
{
    /// <summary>
    /// Go's <c>%v</c> for a float64: the shortest digits that round-trip, in plain notation unless the
    /// decimal exponent is below -4 or at least 6 (<c>1e+06</c>, <c>1e-05</c>).
    /// </summary>
    public static string Format(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "+Inf";
        if (double.IsNegativeInfinity(v)) return "-Inf";
        if (v == 0) return double.IsNegative(v) ? "-0" : "0";

        // "R" gives the shortest digits that round-trip; only their layout differs from Go's.
        var (digits, exp) = Decompose(Math.Abs(v).ToString("R", CultureInfo.InvariantCulture));

        var sb = new StringBuilder();
        if (v < 0) sb.Append('-');
        if (exp < -4 || exp >= 6)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(exp < 0 ? '-' : '+');
            var absExp = Math.Abs(exp);
            if (absExp < 10) sb.Append('0');
            sb.Append(absExp.ToString(CultureInfo.InvariantCulture));
        }
        else if (exp < 0)
        {
            sb.Append("0.").Append('0', -exp - 1).Append(digits);
        }
        else if (digits.Length <= exp + 1)
        {
            sb.Append(digits).Append('0', exp + 1 - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, exp + 1).Append('.').Append(digits, exp + 1, digits.Length - exp - 1);
        }
        return sb.ToString();
    }

    /// <summary>Splits "1.2345E+20" or "123.45" into significant digits ("12345") and the exponent of the first digit.</summary>
    private static (string Digits, int Exp) Decompose(string s)
    {
        var exp = 0;
        var e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        var dot = s.IndexOf('.');
        var intPart = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? "" : s[(dot + 1)..];
        var all = intPart + frac;
        var firstNonZero = all.IndexOfAnyExcept('0');
        exp += intPart.Length - 1 - firstNonZero;
        var digits = all[firstNonZero..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, exp);
    }

    /// <summary>
    /// Parses a number literal as Go's ParseInt(base 0) then ParseFloat would: decimal, hex <c>0x1F</c>,
    /// leading-zero octal, exponents, Inf and NaN in any case.
    /// </summary>
    public static bool TryParse(string text, out double value)
    {
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X')
        {
            if (ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex <= long.MaxValue)
            {
                value = hex;
                return true;
            }
            value = 0;
            return false;
        }
        if (text.Length > 1 && text[0] == '0' && text.AsSpan().IndexOfAnyExcept("01234567") < 0)
        {
            long octal = 0;
            foreach (var c in text) octal = octal * 8 + (c - '0');
            value = octal;
            return true;
        }
        return double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }
}
