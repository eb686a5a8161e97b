using System.Globalization;
using System.Text;
using Tsdb.Load.Compare;

namespace Tsdb.Load.ScrapeCompare;

/// <summary>
/// One run's systems side by side as a markdown table, ours divided by each other system. A system whose
/// counts show missed or failed scrapes gets no ratio: it did not do the same work.
/// </summary>
public static class ScrapeComparisonTable
{
    private sealed record Row(string Label, Func<ScrapeResult, double> Value, string Format, bool HasRatio);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Row[] Rows =
    [
        new("scrapes in the window", r => r.Counts.Scrapes, "N0", false),
        new("of which up", r => r.Counts.SuccessfulScrapes, "N0", false),
        new("samples scraped in the window", r => r.Counts.SamplesScraped, "N0", false),
        new("CPU time in the window (s)", r => r.Cpu.TotalSeconds, "F2", true),
        new("share of its core", r => r.CoreShare * 100, "F1", false),
        new("**CPU seconds per million scraped samples**", r => r.CpuSecondsPerMillionSamples, "F3", true),
        new("resident memory at the end (MiB)", r => r.ResidentBytes / 1048576.0, "F0", true),
    ];

    public static string Render(IReadOnlyList<ScrapeResult> results)
    {
        var ours = results[0];
        var others = results.Skip(1).ToArray();
        var sb = new StringBuilder();
        RatioTableHeader.Append(sb, results.Select(r => r.System).ToArray());

        sb.Append("| every target up, scraped on schedule, whole pages | ")
            .AppendJoin(" | ", results.Select(r => r.Passed ? "OK" : $"FAILED: {r.Problem}"));
        sb.Append(string.Concat(Enumerable.Repeat(" | ", others.Length))).AppendLine(" |");
        foreach (var row in Rows)
        {
            sb.Append($"| {row.Label} | ").AppendJoin(" | ", results.Select(r => row.Value(r).ToString(row.Format, Invariant)));
            foreach (var other in others)
            {
                double? ratio = row.HasRatio ? Ratio(ours, other, row.Value) : null;
                sb.Append(" | ").Append(ratio is { } x ? x.ToString("F2", Invariant) : "");
            }
            sb.AppendLine(" |");
        }
        return sb.ToString();
    }

    /// <summary>Ours / other CPU seconds per million samples, null when either failed.</summary>
    public static double? CpuPerSampleRatio(ScrapeResult ours, ScrapeResult other) =>
        Ratio(ours, other, r => r.CpuSecondsPerMillionSamples);

    private static double? Ratio(ScrapeResult ours, ScrapeResult other, Func<ScrapeResult, double> value)
    {
        if (!ours.Passed || !other.Passed) return null;
        double denominator = value(other);
        return denominator > 0 ? value(ours) / denominator : null;
    }
}
