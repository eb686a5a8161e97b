using System.Globalization;
using Tsdb.Storage.Chunks;

namespace Tsdb.Benchmarks.Chunks;

/// <summary>
/// The "chunk-size" console mode: encodes every series of the node-exporter dataset into chunks of
/// <see cref="XorChunk.TargetSamples"/> samples, as the head cuts them, and prints encoded bytes per sample.
/// Deterministic, so it needs no benchmark harness.
/// </summary>
internal static class ChunkSizeReport
{
    public const string Command = "chunk-size";

    public static void Run(TextWriter output)
    {
        var dataset = NodeExporterDataset.Load();
        long samples = 0, bytes = 0, chunks = 0;
        var byMetric = new Dictionary<string, (long Samples, long Bytes)>();
        foreach (var series in dataset)
        {
            string metric = MetricName(series.Identity);
            foreach (var chunk in Encode(series))
            {
                samples += chunk.Count;
                bytes += chunk.ByteSize;
                chunks++;
                var (metricSamples, metricBytes) = byMetric.GetValueOrDefault(metric);
                byMetric[metric] = (metricSamples + chunk.Count, metricBytes + chunk.ByteSize);
            }
        }

        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant, $"series:          {dataset.Count}"));
        output.WriteLine(string.Create(invariant, $"chunks:          {chunks}"));
        output.WriteLine(string.Create(invariant, $"samples:         {samples}"));
        output.WriteLine(string.Create(invariant, $"encoded bytes:   {bytes} (count header included, array padding excluded)"));
        output.WriteLine(string.Create(invariant, $"bytes/sample:    {(double)bytes / samples:F3}"));
        output.WriteLine();
        output.WriteLine("metrics taking the most bytes (share of bytes, share of samples, bytes/sample):");
        foreach (var (metric, (metricSamples, metricBytes)) in byMetric.OrderByDescending(m => m.Value.Bytes).Take(8))
        {
            output.WriteLine(string.Create(
                invariant,
                $"  {metric,-45} {100.0 * metricBytes / bytes,5:F1}% {100.0 * metricSamples / samples,5:F1}% {(double)metricBytes / metricSamples,7:F3}"));
        }
    }

    private static string MetricName(string identity)
    {
        int brace = identity.IndexOf('{');
        return brace < 0 ? identity : identity[..brace];
    }

    /// <summary>Cuts a series into chunks the way the head does, each trimmed once full.</summary>
    public static IEnumerable<XorChunk> Encode(DatasetSeries series)
    {
        var chunk = new XorChunk();
        for (int i = 0; i < series.Timestamps.Length; i++)
        {
            if (chunk.Count == XorChunk.TargetSamples)
            {
                chunk.Trim();
                yield return chunk;
                chunk = new XorChunk();
            }

            chunk.Append(series.Timestamps[i], series.Values[i]);
        }

        if (chunk.Count > 0)
        {
            chunk.Trim();
            yield return chunk;
        }
    }
}
