using System.Globalization;
using System.Text;
using Tsdb.Load.Queries;

namespace Tsdb.Load.Compare;

/// <summary>
/// A workload's results side by side as a markdown table, with ours divided by each other system. A system
/// that did not store every sample has its figures shown but no ratio against it: it was not fast, it failed.
/// </summary>
public static class ComparisonTable
{
    /// <param name="Detail">A second figure shown in brackets after the value, for the reader; ratios take only the value.</param>
    /// <param name="PairedRatio">How to divide ours by other when it is not by <paramref name="Value"/>.</param>
    /// <param name="Compared">Whether a ratio is taken at all; figures that are one extreme reading are shown without one.</param>
    private sealed record Row(string Label, Func<SystemResult, double?> Value, Func<double, string> Format,
        Func<SystemResult, string>? Detail = null, Func<SystemResult, SystemResult, double?>? PairedRatio = null, bool Compared = true);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static IReadOnlyList<Row> Rows(SystemResult any)
    {
        var rows = new List<Row>
        {
            new("samples per CPU-second, higher is better (CPU time of the ingest)", r => r.SamplesPerCpuSecond, v => v.ToString("N0", Invariant),
                r => string.Create(Invariant, $"{r.IngestCpu.TotalSeconds:F2} s")),
            new("resident bytes per active series (median resident memory after ingest)", r => r.ResidentBytesPerActiveSeries, v => v.ToString("N0", Invariant),
                r => string.Create(Invariant, $"{r.ResidentBytesAfterIngest / 1048576.0:F0} MiB")),
            // The highest resident memory is one reading at whichever moment a collector let the heap grow most: ours
            // read 160 and 177 MiB in two runs of the same load, so it is shown for the reader but not compared.
            new("peak resident memory (MiB), not compared", r => r.PeakResidentBytes / 1048576.0, v => v.ToString("F0", Invariant), Compared: false),
            new("disk bytes per sample", r => r.DiskBytesPerSample, v => v.ToString("F2", Invariant)),
        };
        foreach (var (query, i) in any.Queries.Select((q, i) => (q.Query, i)))
        {
            rows.Add(new($"query \"{query.Name}\" median (ms)", r => r.Queries[i].Median.TotalMilliseconds, v => v.ToString("F1", Invariant),
                PairedRatio: (ours, other) => QueryLatency.MidMeanRatio(ours.Queries[i], other.Queries[i])));
        }
        return rows;
    }

    /// <summary>The ratio ours / other for each row, null where it cannot be taken (a failed system, a missing figure).</summary>
    public static IReadOnlyList<(string Label, double? Ratio)> Ratios(SystemResult ours, SystemResult other)
    {
        return Rows(ours).Select(row => (row.Label, Ratio(row, ours, other))).ToArray();
    }

    public static string Render(IReadOnlyList<SystemResult> results)
    {
        var ours = results[0];
        var others = results.Skip(1).ToArray();
        var sb = new StringBuilder();
        RatioTableHeader.Append(sb, results.Select(r => r.System).ToArray());

        sb.Append("| samples stored / sent (checked by count) | ").AppendJoin(" | ", results.Select(Verdict));
        foreach (var _ in others) sb.Append(" | ");
        sb.AppendLine(" |");
        foreach (var row in Rows(ours))
        {
            sb.Append($"| {row.Label} | ").AppendJoin(" | ", results.Select(r => Cell(row, r)));
            foreach (var other in others)
            {
                double? ratio = Ratio(row, ours, other);
                sb.Append(" | ").Append(ratio is { } v ? v.ToString("F2", Invariant) : !row.Compared ? "" : other.Passed && ours.Passed ? "n/a" : "n/a (FAILED)");
            }
            sb.AppendLine(" |");
        }
        sb.Append("| series returned by the queries, in order | ").AppendJoin(" | ", results.Select(r => SeriesReturned(r, ours)));
        foreach (var _ in others) sb.Append(" | ");
        sb.AppendLine(" |");
        sb.Append("| disk measured | ").AppendJoin(" | ", results.Select(r => r.Disk.What));
        foreach (var _ in others) sb.Append(" | ");
        sb.AppendLine(" |");
        return sb.ToString();
    }

    private static string Verdict(SystemResult r) => r.Passed
        ? $"{r.Counts.Samples:N0} / {r.Encoded.Samples:N0} OK"
        : $"FAILED: {r.FailureReason}";

    /// <summary>Each query's series count; a system whose counts differ from ours is flagged.</summary>
    private static string SeriesReturned(SystemResult r, SystemResult reference)
    {
        string counts = string.Join("/", r.Queries.Select(q => q.Series));
        bool agrees = reference.Queries.Select(q => q.Series).SequenceEqual(r.Queries.Select(q => q.Series));
        return agrees ? counts : $"{counts} MISMATCH";
    }

    private static string Cell(Row row, SystemResult r) =>
        row.Value(r) is { } v ? row.Format(v) + (row.Detail is null ? "" : $" ({row.Detail(r)})") : "n/a";

    private static double? Ratio(Row row, SystemResult ours, SystemResult other)
    {
        if (!row.Compared || !ours.Passed || !other.Passed) return null;
        if (row.PairedRatio is not null) return row.PairedRatio(ours, other);
        return (row.Value(ours), row.Value(other)) is ({ } a, { } b) && b != 0 ? a / b : null;
    }
}
