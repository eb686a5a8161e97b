using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tsdb.Query.Parsing;

/// <summary>PromQL durations (<c>1y2w3d4h5m6s7ms</c>): parsing and Prometheus's canonical rendering.</summary>
public static partial class Durations
{
    private const long MsPerSecond = 1000;
    private const long MsPerMinute = 60 * MsPerSecond;
    private const long MsPerHour = 60 * MsPerMinute;
    private const long MsPerDay = 24 * MsPerHour;
    private const long MsPerWeek = 7 * MsPerDay;
    private const long MsPerYear = 365 * MsPerDay;

    private static readonly (string Unit, long Ms)[] Units =
        [("y", MsPerYear), ("w", MsPerWeek), ("d", MsPerDay), ("h", MsPerHour), ("m", MsPerMinute), ("s", MsPerSecond), ("ms", 1)];

    [GeneratedRegex("^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    /// <summary>The largest duration Prometheus accepts: what fits an int64 of nanoseconds.</summary>
    private const long MaxMs = long.MaxValue / 1_000_000;

    /// <summary>Parses a duration; each unit at most once, largest first. The error text is Prometheus's.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? error)
    {
        duration = TimeSpan.Zero;
        error = null;
        if (text == "0") return true;
        if (text.Length == 0)
        {
            error = "empty duration string";
            return false;
        }
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            error = $"not a valid duration string: {GoQuote.Quote(text)}";
            return false;
        }
        long total = 0;
        for (var i = 0; i < Units.Length; i++)
        {
            var group = match.Groups[i + 1];
            if (!group.Success) continue;
            if (!long.TryParse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || n > MaxMs / Units[i].Ms || (total += n * Units[i].Ms) > MaxMs)
            {
                error = "duration out of range";
                return false;
            }
        }
        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>
    /// Renders like Prometheus: largest units first, years and weeks only when they divide the whole
    /// duration (90d rather than 12w6d), "0s" for zero.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms == 0) return "0s";
        var sb = new StringBuilder();
        foreach (var (unit, unitMs) in Units)
        {
            var exactOnly = unit is "y" or "w";
            if (exactOnly && ms % unitMs != 0) continue;
            var count = ms / unitMs;
            if (count <= 0) continue;
            sb.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            ms -= count * unitMs;
        }
        return sb.ToString();
    }
}
