using System.Globalization;

namespace Tsdb.Scrape.Configuration;

/// <summary>
/// Sizes as Prometheus reads them (base-2 units): "512B", "10MB", "1.5GiB", "1GB512MB", or a bare "0".
/// KB and KiB both mean 1024 bytes, as in Prometheus.
/// </summary>
public static class ByteSize
{
    private static readonly Dictionary<string, long> Units = new(StringComparer.Ordinal)
    {
        ["B"] = 1,
        ["KB"] = 1L << 10, ["KiB"] = 1L << 10,
        ["MB"] = 1L << 20, ["MiB"] = 1L << 20,
        ["GB"] = 1L << 30, ["GiB"] = 1L << 30,
        ["TB"] = 1L << 40, ["TiB"] = 1L << 40,
        ["PB"] = 1L << 50, ["PiB"] = 1L << 50,
        ["EB"] = 1L << 60, ["EiB"] = 1L << 60,
    };

    /// <summary>Parses or throws <see cref="FormatException"/> naming the text.</summary>
    public static long Parse(string text)
    {
        if (text == "0") return 0;
        if (text.Length == 0) throw new FormatException("empty size string");
        double total = 0;
        int pos = 0;
        while (pos < text.Length)
        {
            int start = pos;
            while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '.')) pos++;
            if (pos == start || !double.TryParse(text.AsSpan(start, pos - start), NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out double number))
                throw new FormatException($"invalid size \"{text}\": expected a number at offset {start}");
            int unitStart = pos;
            while (pos < text.Length && char.IsAsciiLetter(text[pos])) pos++;
            var unit = text[unitStart..pos];
            if (unit.Length == 0)
                throw new FormatException($"invalid size \"{text}\": missing unit");
            if (!Units.TryGetValue(unit, out long multiplier))
                throw new FormatException($"invalid size \"{text}\": unknown unit \"{unit}\"");
            total += number * multiplier;
        }
        if (total >= long.MaxValue) throw new FormatException($"invalid size \"{text}\": out of range");
        return (long)total;
    }
}
