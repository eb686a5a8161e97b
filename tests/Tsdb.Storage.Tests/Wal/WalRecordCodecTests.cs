using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Storage.Wal;

namespace Tsdb.Storage.Tests.Wal;

public class WalRecordCodecTests
{
    private const ulong StaleMarkerBits = 0x7ff0000000000002;

    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Any 64-bit pattern, uniformly, with the edges of the range mixed in.</summary>
    private static readonly Gen<ulong> AnyBits = Gen.Frequency(
        (4, Gen.Four(Gen.Choose(0, 0xFFFF)).Select(t =>
            (ulong)(uint)t.Item1 << 48 | (ulong)(uint)t.Item2 << 32 | (ulong)(uint)t.Item3 << 16 | (uint)t.Item4)),
        (1, Gen.Elements(0UL, 1UL, ulong.MaxValue, (ulong)long.MaxValue, 1UL << 63, StaleMarkerBits,
            BitConverter.DoubleToUInt64Bits(double.NaN), BitConverter.DoubleToUInt64Bits(-0.0))));

    private static readonly Gen<WalSample> AnySample =
        Gen.Three(AnyBits).Select(t => new WalSample(new SeriesRef(t.Item1), (long)t.Item2, BitConverter.UInt64BitsToDouble(t.Item3)));

    /// <summary>What a scrape writes: nearby refs, timestamps a few seconds apart.</summary>
    private static readonly Gen<WalSample[]> ScrapeLikeSamples =
        from firstRef in Gen.Choose(1, 1_000_000)
        from firstTime in Gen.Choose(0, int.MaxValue)
        from steps in Gen.ArrayOf(Gen.Zip(Gen.Zip(Gen.Choose(-50, 50), Gen.Choose(-1000, 60_000)), AnyBits))
        select steps.Select(s => new WalSample(
            new SeriesRef((ulong)(firstRef + s.Item1.Item1 + 50)), 1_700_000_000_000L + firstTime + s.Item1.Item2,
            BitConverter.UInt64BitsToDouble(s.Item2))).ToArray();

    private static readonly Gen<WalSample[]> AnySamples = Gen.OneOf(Gen.ArrayOf(AnySample), ScrapeLikeSamples);

    /// <summary>Pieces of label text: ASCII, escapes, BMP letters and characters outside the BMP (surrogate pairs).</summary>
    private static readonly Gen<string> TextPiece = Gen.OneOf(
        Gen.Elements("a", "Z", "_", "0", "job", "__name__", " ", "\"", "\\", "\n", "\0", "é", "日本", "ß"),
        Gen.Choose(0x20, 0xD7FF).Select(c => ((char)c).ToString()),
        Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32));

    private static readonly Gen<string> LabelText =
        Gen.ListOf(TextPiece).Select(pieces => string.Concat(pieces));

    private static readonly Gen<Labels> AnyLabels =
        Gen.ListOf(Gen.Zip(LabelText.Where(s => s.Length > 0), LabelText))
            .Select(pairs => Labels.From(pairs.DistinctBy(p => p.Item1, StringComparer.Ordinal).Select(p => new Label(p.Item1, p.Item2))));

    private static readonly Gen<WalSeries[]> AnySeries =
        Gen.ArrayOf(Gen.Zip(AnyBits, AnyLabels).Select(t => new WalSeries(new SeriesRef(t.Item1), t.Item2)));

    [Fact]
    public void Samples_round_trip_bit_exactly()
    {
        var decoded = new List<WalSample>();
        Check.One(Quick, Prop.ForAll(AnySamples.ToArbitrary(), samples =>
        {
            WalSamplesRecord.Decode(EncodeSamples(samples), decoded);
            Assert.Equal(samples.Length, decoded.Count);
            for (int i = 0; i < samples.Length; i++)
            {
                Assert.Equal(samples[i].Ref, decoded[i].Ref);
                Assert.Equal(samples[i].Timestamp, decoded[i].Timestamp);
                Assert.Equal(BitConverter.DoubleToUInt64Bits(samples[i].Value), BitConverter.DoubleToUInt64Bits(decoded[i].Value));
            }
        }));
    }

    [Fact]
    public void Series_round_trip_with_interned_strings()
    {
        var decoded = new List<WalSeries>();
        Check.One(Quick, Prop.ForAll(AnySeries.ToArbitrary(), series =>
        {
            WalSeriesRecord.Decode(EncodeSeries(series), decoded);
            Assert.Equal(series.Length, decoded.Count);
            for (int i = 0; i < series.Length; i++)
            {
                Assert.Equal(series[i].Ref, decoded[i].Ref);
                Assert.Equal(series[i].Labels, decoded[i].Labels);
                Assert.Equal(series[i].Labels.Hash, decoded[i].Labels.Hash);
                foreach (var label in decoded[i].Labels)
                {
                    Assert.Same(StringInterner.Intern(label.Name), label.Name);
                    Assert.Same(StringInterner.Intern(label.Value), label.Value);
                }
            }
        }));
    }

    [Fact]
    public void A_truncated_samples_record_decodes_to_a_prefix_or_throws_corruption()
    {
        var decoded = new List<WalSample>();
        var gen = from samples in AnySamples
                  from cutPercent in Gen.Choose(0, 99)
                  select (samples, cutPercent);
        Check.One(Quick, Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var bytes = EncodeSamples(input.samples);
            var cut = bytes.AsSpan(0, bytes.Length * input.cutPercent / 100);
            try
            {
                WalSamplesRecord.Decode(cut, decoded);
            }
            catch (WalCorruptionException)
            {
                return;
            }
            Assert.True(decoded.Count <= input.samples.Length);
            Assert.Equal(input.samples.Take(decoded.Count), decoded, (a, b) =>
                a.Ref == b.Ref && a.Timestamp == b.Timestamp && BitConverter.DoubleToUInt64Bits(a.Value) == BitConverter.DoubleToUInt64Bits(b.Value));
        }));
    }

    [Fact]
    public void A_truncated_series_record_decodes_to_a_prefix_or_throws_corruption()
    {
        var decoded = new List<WalSeries>();
        var gen = from series in AnySeries
                  from cutPercent in Gen.Choose(0, 99)
                  select (series, cutPercent);
        Check.One(Quick, Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var bytes = EncodeSeries(input.series);
            try
            {
                WalSeriesRecord.Decode(bytes.AsSpan(0, bytes.Length * input.cutPercent / 100), decoded);
            }
            catch (WalCorruptionException)
            {
                return;
            }
            Assert.Equal(input.series.Take(decoded.Count), decoded);
        }));
    }

    [Fact]
    public void Staleness_marker_survives_and_refs_and_timestamps_span_the_whole_range()
    {
        var samples = new[]
        {
            new WalSample(new SeriesRef(ulong.MaxValue), long.MinValue, BitConverter.UInt64BitsToDouble(StaleMarkerBits)),
            new WalSample(new SeriesRef(0), long.MaxValue, double.NegativeInfinity),
            new WalSample(new SeriesRef(1), 0, -0.0),
        };
        var decoded = new List<WalSample>();
        WalSamplesRecord.Decode(EncodeSamples(samples), decoded);
        Assert.Equal(StaleMarkerBits, BitConverter.DoubleToUInt64Bits(decoded[0].Value));
        Assert.Equal(long.MinValue, decoded[0].Timestamp);
        Assert.Equal(ulong.MaxValue, decoded[0].Ref.Value);
        Assert.Equal(long.MaxValue, decoded[1].Timestamp);
        Assert.Equal(BitConverter.DoubleToUInt64Bits(-0.0), BitConverter.DoubleToUInt64Bits(decoded[2].Value));
    }

    [Fact]
    public void Encoding_and_decoding_samples_do_not_allocate_per_sample()
    {
        var samples = Enumerable.Range(0, 1000).Select(i => new WalSample(new SeriesRef((ulong)i), 1_700_000_000_000L + i * 15_000L, i * 0.5)).ToArray();
        var writer = new ArrayBufferWriter<byte>(64 * 1024);
        var decoded = new List<WalSample>(samples.Length);
        WalSamplesRecord.Encode(samples, writer);
        WalSamplesRecord.Decode(writer.WrittenSpan, decoded);

        long before = GC.GetAllocatedBytesForCurrentThread();
        writer.ResetWrittenCount();
        WalSamplesRecord.Encode(samples, writer);
        WalSamplesRecord.Decode(writer.WrittenSpan, decoded);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(samples, decoded);
    }

    [Fact]
    public void Decoding_clears_the_list_first()
    {
        var decoded = new List<WalSample> { new(new SeriesRef(9), 9, 9) };
        WalSamplesRecord.Decode(EncodeSamples([]), decoded);
        Assert.Empty(decoded);
        var series = new List<WalSeries> { new(new SeriesRef(9), Labels.Empty) };
        WalSeriesRecord.Decode(EncodeSeries([]), series);
        Assert.Empty(series);
    }

    [Fact]
    public void Peek_names_the_type()
    {
        Assert.Equal(WalRecordType.Samples, WalRecord.Peek(EncodeSamples([new WalSample(new SeriesRef(1), 2, 3)])));
        Assert.Equal(WalRecordType.Series, WalRecord.Peek(EncodeSeries([new WalSeries(new SeriesRef(1), Labels.FromPairs("a", "b"))])));
        Assert.Equal(WalRecordType.Unknown, WalRecord.Peek([200, 1, 2]));
        Assert.Throws<WalCorruptionException>(() => WalRecord.Peek([]));
    }

    [Theory]
    [InlineData(new byte[] { 1 }, "type byte is 1")]
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0 }, "no sample")]
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3 }, "value at byte 19 needs 8 bytes, 3 left")]
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, "series ref delta at byte 17 overflows 64 bits")]
    [InlineData(new byte[] { 2, 1, 0, 0 }, "first series ref at byte 1 needs 8 bytes")]
    public void Malformed_samples_records_are_reported_with_position(byte[] record, string expected)
    {
        var e = Assert.Throws<WalCorruptionException>(() => WalSamplesRecord.Decode(record, []));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 2 }, "type byte is 2")]
    [InlineData(new byte[] { 1, 5, 100, 1, (byte)'a' }, "label count 100 of series 5")]
    [InlineData(new byte[] { 1, 5, 1, 9, (byte)'a' }, "label name at byte 3 is 9 bytes long, only 1 left")]
    [InlineData(new byte[] { 1, 5, 1, 1, 0xC3, 1, (byte)'x' }, "label name at byte 3 is not valid UTF-8")]
    [InlineData(new byte[] { 1, 5, 1, 1, (byte)'a', 0 }, "label \"a\" of series 5 has an empty value")]
    [InlineData(new byte[] { 1, 5, 2, 1, (byte)'b', 1, (byte)'x', 1, (byte)'a', 1, (byte)'y' }, "label \"a\" of series 5 is not after \"b\"")]
    [InlineData(new byte[] { 1, 5, 2, 1, (byte)'a', 1, (byte)'x', 1, (byte)'a', 1, (byte)'y' }, "label \"a\" of series 5 is not after \"a\"")]
    [InlineData(new byte[] { 1, 5 }, "label count at byte 2 is cut off")]
    public void Malformed_series_records_are_reported_with_position(byte[] record, string expected)
    {
        var e = Assert.Throws<WalCorruptionException>(() => WalSeriesRecord.Decode(record, []));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_label_with_a_lone_surrogate_is_refused_when_encoding()
    {
        var series = new WalSeries(new SeriesRef(1), Labels.FromPairs("a", "bad\uD800"));
        Assert.Throws<ArgumentException>(() => EncodeSeries([series]));
    }

    private static byte[] EncodeSamples(WalSample[] samples)
    {
        var writer = new ArrayBufferWriter<byte>();
        WalSamplesRecord.Encode(samples, writer);
        return writer.WrittenSpan.ToArray();
    }

    private static byte[] EncodeSeries(WalSeries[] series)
    {
        var writer = new ArrayBufferWriter<byte>();
        WalSeriesRecord.Encode(series, writer);
        return writer.WrittenSpan.ToArray();
    }
}
