using System.Globalization;

namespace Tsdb.Scrape.Configuration;

/// <summary>
/// Prometheus's duration syntax: units y, w, d, h, m, s, ms, each at most once and in that order
/// ("1h30m", "15s", "2w"), or a bare "0". A year is 365 days. Written back in the same canonical form
/// Prometheus prints, which matters because `__scrape_interval__` is compared as text.
/// </summary>
public static class PromDuration
{
    private static readonly (string Unit, long Millis)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000),
        ("w", 7L * 24 * 3600 * 1000),
        ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000),
        ("m", 60L * 1000),
        ("s", 1000L),
        ("ms", 1L),
    ];

    /// <summary>Parses or throws <see cref="FormatException"/> with Prometheus's wording.</summary>
    public static TimeSpan Parse(string text)
    {
        if (TryParse(text, out var value, out var error)) return value;
        throw new FormatException(error);
    }

    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        if (text == "0") return true;
        if (text.Length == 0)
        {
            error = "empty duration string";
            return false;
        }
        long totalMillis = 0;
        int pos = 0;
        int nextUnit = 0;
        while (pos < text.Length)
        {
            int start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
            if (pos == start) return Invalid(text, out error);
            var digits = text.AsSpan(start, pos - start);
            int unitStart = pos;
            while (pos < text.Length && char.IsAsciiLetterLower(text[pos])) pos++;
            var unit = text.AsSpan(unitStart, pos - unitStart);
            int unitIndex = -1;
            for (int i = nextUnit; i < Units.Length; i++)
            {
                if (unit.SequenceEqual(Units[i].Unit)) { unitIndex = i; break; }
            }
            if (unitIndex < 0) return Invalid(text, out error);
            nextUnit = unitIndex + 1;
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            {
                error = "duration out of range";
                return false;
            }
            try
            {
                totalMillis = checked(totalMillis + checked(count * Units[unitIndex].Millis));
                value = TimeSpan.FromMilliseconds(totalMillis);
            }
            catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
            {
                error = "duration out of range";
                return false;
            }
        }
        return true;
    }

    private static bool Invalid(string text, out string error)
    {
        error = $"not a valid duration string: \"{text}\"";
        return false;
    }

    /// <summary>Prometheus's canonical form: "1m", "1h30m", "90d"; years and weeks only when exact.</summary>
    public static string Format(TimeSpan duration)
    {
        long ms = (long)duration.TotalMilliseconds;
        if (ms == 0) return "0s";
        var text = new System.Text.StringBuilder();
        foreach (var (unit, mult) in Units)
        {
            bool exactOnly = unit is "y" or "w";
            if (exactOnly && ms % mult != 0) continue;
            long count = ms / mult;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                ms -= count * mult;
            }
        }
        return text.ToString();
    }
}
