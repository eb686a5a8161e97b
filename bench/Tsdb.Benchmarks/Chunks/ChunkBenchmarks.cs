using BenchmarkDotNet.Attributes;
using Tsdb.Storage;
using Tsdb.Storage.Chunks;

namespace Tsdb.Benchmarks.Chunks;

/// <summary>
/// Encoding and decoding full 120-sample XOR chunks. Each invocation handles <see cref="ChunkCount"/> chunks
/// of different series so branch prediction cannot learn one chunk; times are per sample.
/// </summary>
[MemoryDiagnoser]
public class ChunkBenchmarks
{
    private const int ChunkCount = 64;
    private const int SamplesPerInvoke = ChunkCount * XorChunk.TargetSamples;

    public enum Data
    {
        /// <summary>A value that never changes: the cheapest case.</summary>
        Constant,

        /// <summary>Integer counters growing by random amounts (bytes or packets counters).</summary>
        Counter,

        /// <summary>Random-walk gauges with noisy mantissas (temperatures, ratios).</summary>
        Gauge,

        /// <summary>Full chunks picked evenly from the captured node-exporter dataset.</summary>
        NodeExporter,
    }

    private long[][] _timestamps = [];
    private double[][] _values = [];
    private XorChunk[] _encoded = [];

    [Params(Data.Constant, Data.Counter, Data.Gauge, Data.NodeExporter)]
    public Data Dataset { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_timestamps, _values) = Dataset == Data.NodeExporter ? NodeExporterChunks() : Synthetic(Dataset);
        _encoded = new XorChunk[ChunkCount];
        for (int c = 0; c < ChunkCount; c++)
        {
            _encoded[c] = EncodeOne(c);
        }
    }

    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public int Encode()
    {
        int bytes = 0;
        for (int c = 0; c < ChunkCount; c++)
        {
            bytes += EncodeOne(c).ByteSize;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public double Decode()
    {
        double sum = 0;
        long timestamps = 0;
        for (int c = 0; c < ChunkCount; c++)
        {
            var iterator = _encoded[c].Iterator();
            while (iterator.Next())
            {
                timestamps += iterator.Timestamp;
                sum += iterator.Value;
            }
        }

        return sum + timestamps;
    }

    /// <summary>Decoding in batches into a point buffer, as range queries read chunks.</summary>
    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public double DecodeBatch()
    {
        Span<Point> points = stackalloc Point[128];
        double sum = 0;
        long timestamps = 0;
        for (int c = 0; c < ChunkCount; c++)
        {
            var iterator = _encoded[c].Iterator();
            int read;
            while ((read = iterator.NextBatch(points)) > 0)
            {
                foreach (var p in points[..read])
                {
                    timestamps += p.T;
                    sum += p.F;
                }
            }
        }

        return sum + timestamps;
    }

    private XorChunk EncodeOne(int c)
    {
        var chunk = new XorChunk();
        long[] timestamps = _timestamps[c];
        double[] values = _values[c];
        for (int i = 0; i < timestamps.Length; i++)
        {
            chunk.Append(timestamps[i], values[i]);
        }

        return chunk;
    }

    private static (long[][], double[][]) Synthetic(Data kind)
    {
        var random = new Random(42);
        var timestamps = new long[ChunkCount][];
        var values = new double[ChunkCount][];
        for (int c = 0; c < ChunkCount; c++)
        {
            timestamps[c] = ScrapeTimestamps.Generate(XorChunk.TargetSamples, 1_700_000_000_000, seed: c);
            values[c] = new double[XorChunk.TargetSamples];
            double value = random.Next(1_000_000);
            for (int i = 0; i < XorChunk.TargetSamples; i++)
            {
                value = kind switch
                {
                    Data.Constant => value,
                    Data.Counter => value + random.Next(0, 100_000),
                    _ => Math.Round(value + ((random.NextDouble() - 0.5) * 10), 2),
                };
                values[c][i] = value;
            }
        }

        return (timestamps, values);
    }

    private static (long[][], double[][]) NodeExporterChunks()
    {
        var full = NodeExporterDataset.Load()
            .Where(s => s.Timestamps.Length >= XorChunk.TargetSamples)
            .ToList();
        int step = Math.Max(1, full.Count / ChunkCount);
        var picked = Enumerable.Range(0, ChunkCount).Select(i => full[i * step % full.Count]).ToList();
        return (
            picked.Select(s => s.Timestamps[..XorChunk.TargetSamples]).ToArray(),
            picked.Select(s => s.Values[..XorChunk.TargetSamples]).ToArray());
    }
}
