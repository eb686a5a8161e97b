using BenchmarkDotNet.Attributes;
using Tsdb.Query.Engine;

namespace Tsdb.Benchmarks.Query;

/// <summary>
/// The numbers of a range query answer as the API writes them, per value: sample values in Go's shortest plain
/// form (the shortest digits alone, then the whole text) and step timestamps in seconds, which a range answer
/// formats once per step and copies per point. A third of the CPU of a large matrix answer goes here.
/// </summary>
public class NumberFormattingBenchmarks
{
    private const int BatchSize = 4096;

    private readonly double[] _sampleValues = TypicalSampleValues(BatchSize);
    private readonly ulong[] _stepSeconds = StepSeconds(BatchSize);
    private readonly byte[] _buffer = new byte[GoFloatText.MaxPlainLength];

    /// <summary>Schubfach alone: the shortest round-tripping digits and their exponent.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public ulong ShortestDigits()
    {
        ulong checksum = 0;
        foreach (double v in _sampleValues)
        {
            var (digits, exponent) = ShortestDecimal.Of(v);
            checksum += digits + (ulong)exponent;
        }
        return checksum;
    }

    /// <summary>A sample value's whole text: shortest digits, digit writing and the decimal point.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int SampleValueText()
    {
        int total = 0;
        foreach (double v in _sampleValues) total += GoFloatText.FormatPlainUtf8(v, _buffer);
        return total;
    }

    /// <summary>A step timestamp in whole seconds, as the API writes most of them.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int TimestampText()
    {
        int total = 0;
        foreach (ulong seconds in _stepSeconds) total += DecimalDigits.Write(seconds, _buffer);
        return total;
    }

    /// <summary>
    /// What rate-like queries answer with: quotients with seventeen significant digits (32.90526315789473), sums of
    /// short decimals that pick up a rounding tail (34.910000000000004) and short decimals (0.123), a third each.
    /// </summary>
    private static double[] TypicalSampleValues(int count)
    {
        var random = new Random(42);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (i % 3) switch
            {
                0 => random.Next(0, 40_000) / (double)random.Next(1, 300),
                1 => random.Next(0, 10_000) * 0.01 + random.Next(0, 10_000) * 0.01,
                _ => random.Next(0, 1_000) / 1000.0,
            };
        }
        return values;
    }

    /// <summary>A 15 s step from a recent time, in seconds.</summary>
    private static ulong[] StepSeconds(int count)
    {
        var seconds = new ulong[count];
        for (int i = 0; i < count; i++) seconds[i] = 1_795_284_000 + 15 * (ulong)i;
        return seconds;
    }
}
