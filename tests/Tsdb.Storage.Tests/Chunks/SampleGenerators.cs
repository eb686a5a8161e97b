using FsCheck;
using FsCheck.Fluent;

namespace Tsdb.Storage.Tests.Chunks;

/// <summary>FsCheck generators for chunk samples: values as raw bit patterns, timestamps of several shapes.</summary>
internal static class SampleGenerators
{
    public const ulong StaleMarkerBits = 0x7ff0000000000002;

    /// <summary>Any 64-bit pattern, built from four 16-bit pieces so every bit is uniformly random.</summary>
    public static readonly Gen<ulong> AnyBits =
        Gen.Choose(0, 0xFFFF).ArrayOf(4)
            .Select(p => ((ulong)(uint)p[0] << 48) | ((ulong)(uint)p[1] << 32) | ((ulong)(uint)p[2] << 16) | (uint)p[3]);

    private static readonly ulong[] SpecialValueBits =
    [
        StaleMarkerBits,
        BitConverter.DoubleToUInt64Bits(double.NaN),
        0x7ff8000000000001, // quiet NaN with a payload
        0xfff0000000000001, // negative signalling NaN
        BitConverter.DoubleToUInt64Bits(double.PositiveInfinity),
        BitConverter.DoubleToUInt64Bits(double.NegativeInfinity),
        BitConverter.DoubleToUInt64Bits(-0.0),
        0UL,
        1UL, // smallest subnormal
        0x000fffffffffffff, // largest subnormal
        0x800fffffffffffff,
        BitConverter.DoubleToUInt64Bits(double.MaxValue),
        BitConverter.DoubleToUInt64Bits(double.MinValue),
        ulong.MaxValue,
    ];

    /// <summary>Raw patterns, special values, and small numbers that repeat and share exponent bits.</summary>
    public static readonly Gen<ulong> ValueBits = Gen.Frequency(
        (4, AnyBits),
        (2, Gen.Elements(SpecialValueBits)),
        (4, Gen.Choose(-50, 50).Select(i => BitConverter.DoubleToUInt64Bits(i * 0.5))),
        (2, Gen.Choose(0, 1_000_000).Select(i => BitConverter.DoubleToUInt64Bits(1e9 + i))));

    private static readonly Gen<long> AnyLong = AnyBits.Select(b => (long)b);

    private static readonly Gen<long> ExtremeLong =
        Gen.Elements(long.MinValue, long.MinValue + 1, -1L, 0L, 1L, long.MaxValue - 1, long.MaxValue);

    private static readonly Gen<long> InterestingLong = Gen.Frequency((3, AnyLong), (1, ExtremeLong));

    /// <summary>Delta-of-delta values at the edges of the 14, 17 and 20 bit buckets.</summary>
    private static readonly long[] BucketEdges =
        [.. new[] { 14, 17, 20 }.SelectMany(bits => new[] { (1L << (bits - 1)) - 1, 1L << (bits - 1), (1L << (bits - 1)) + 1 })
            .SelectMany(edge => new[] { edge, -edge })];

    /// <summary>
    /// Gaps a scrape loop produces: mostly the interval, sometimes jitter, a pause, or a duplicate; and gaps that
    /// differ from the interval by a bucket edge.
    /// </summary>
    private static readonly Gen<long> ScrapeGap = Gen.Frequency(
        (6, Gen.Constant(15_000L)),
        (1, Gen.Elements(BucketEdges).Select(edge => 15_000 + edge)),
        (2, Gen.Choose(14_970, 15_030).Select(i => (long)i)),
        (1, Gen.Choose(0, 10_000_000).Select(i => (long)i)),
        (1, Gen.Choose(0, int.MaxValue).Select(i => (long)i * 1_000_000)));

    /// <summary>An ascending series starting anywhere, spaced like scrapes (wrapping past long.MaxValue is fine).</summary>
    private static Gen<long[]> ScrapedTimestamps(int count) =>
        InterestingLong.SelectMany(
            start => ScrapeGap.ArrayOf(count),
            (start, gaps) =>
            {
                var timestamps = new long[count];
                long t = start;
                for (int i = 0; i < count; i++)
                {
                    timestamps[i] = t;
                    t = unchecked(t + gaps[i]);
                }

                return timestamps;
            });

    private static Gen<long[]> SortedIrregularTimestamps(int count) =>
        InterestingLong.ArrayOf(count).Select(ts =>
        {
            Array.Sort(ts);
            return ts;
        });

    private static Gen<long[]> ArbitraryTimestamps(int count) => InterestingLong.ArrayOf(count);

    /// <summary>Up to a few hundred samples, so chunks grow past their initial capacity several times.</summary>
    public static readonly Gen<Sample[]> Samples =
        Gen.Choose(0, 300).SelectMany(
            count => Gen.OneOf(ScrapedTimestamps(count), SortedIrregularTimestamps(count), ArbitraryTimestamps(count))
                .Zip(ValueBits.ArrayOf(count)),
            (count, pair) =>
            {
                var samples = new Sample[count];
                for (int i = 0; i < count; i++)
                {
                    samples[i] = new Sample(pair.Item1[i], pair.Item2[i]);
                }

                return samples;
            });

    /// <summary>Ascending timestamps only, for properties that rely on time order (seeking).</summary>
    public static readonly Gen<Sample[]> SortedSamples =
        Gen.Choose(0, 300).SelectMany(
            count => Gen.OneOf(ScrapedTimestamps(count), SortedIrregularTimestamps(count))
                .Select(ts =>
                {
                    Array.Sort(ts);
                    return ts;
                })
                .Zip(ValueBits.ArrayOf(count)),
            (count, pair) => pair.Item1.Select((t, i) => new Sample(t, pair.Item2[i])).ToArray());
}

/// <summary>A sample with its value as raw bits, so equality is bit-exact (NaN payloads included).</summary>
internal readonly record struct Sample(long Timestamp, ulong ValueBits)
{
    public override string ToString() => $"({Timestamp}, 0x{ValueBits:x16})";
}
