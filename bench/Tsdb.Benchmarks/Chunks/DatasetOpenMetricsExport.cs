using System.Globalization;

namespace Tsdb.Benchmarks.Chunks;

/// <summary>
/// Writes the node-exporter dataset, with the timestamps the chunk-size report uses, as OpenMetrics text,
/// so that `promtool tsdb create-blocks-from openmetrics` can store the very same samples in Prometheus's
/// format and the two encodings can be compared byte for byte.
/// </summary>
internal static class DatasetOpenMetricsExport
{
    public const string Option = "--export-openmetrics";

    public static void Write(string path)
    {
        var dataset = NodeExporterDataset.Load();
        // Time-major order: every series' sample of one scrape, then the next scrape.
        var samples = dataset
            .SelectMany(s => s.Timestamps.Select((t, i) => (Time: t, s.Identity, Value: s.Values[i])))
            .OrderBy(x => x.Time);
        using var writer = new StreamWriter(path);
        var invariant = CultureInfo.InvariantCulture;
        foreach (var (time, identity, value) in samples)
        {
            writer.Write(identity);
            writer.Write(' ');
            writer.Write(double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", invariant));
            writer.Write(' ');
            writer.Write((time / 1000).ToString(invariant));
            writer.Write('.');
            writer.WriteLine((time % 1000).ToString("000", invariant));
        }
        writer.WriteLine("# EOF");
    }
}
