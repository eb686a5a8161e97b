using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Tsdb.Server.RemoteWrite;
using Tsdb.Server.RemoteWrite.Protos;
using Tsdb.Storage;
using ProtoLabel = Tsdb.Server.RemoteWrite.Protos.Label;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>
/// Random requests encoded by the generated protobuf classes and IronSnappy, as a sender would, must come
/// back out of storage exactly, and the fast decoder must agree with the generated parser.
/// </summary>
public class RemoteWriteRoundTripTests
{
    private static readonly string[] Fragments = ["a", "z", "_", "0", " ", "\"", "\\", "\n", "é", "日本", "🙂", "node", "ÿ"];
    private static readonly string[] LabelNames = ["job", "instance", "le", "mode", "cpu", "dévice", "a_b", "zz"];

    private static readonly ulong[] SpecialValues =
    [
        0x7ff0000000000002UL, // staleness marker
        0x7ff8000000000001UL,
        BitConverter.DoubleToUInt64Bits(double.NegativeInfinity),
        BitConverter.DoubleToUInt64Bits(-0.0),
        1UL,
    ];

    private static Gen<string> Text(int min) =>
        Gen.ListOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts.Take(6))).Where(s => s.Length >= min);

    public sealed record GeneratedSeries(string[] NamesAndValues, (long T, ulong Bits)[] Samples)
    {
        public Labels Labels => Labels.FromPairs(NamesAndValues);

        public TimeSeries ToProto(int from, int to)
        {
            var series = new TimeSeries();
            // Senders sort labels by name (ordinal on the UTF-8 bytes, which equals ordinal on UTF-16 here).
            for (int i = 0; i < NamesAndValues.Length; i += 2)
                series.Labels.Add(new ProtoLabel { Name = NamesAndValues[i], Value = NamesAndValues[i + 1] });
            foreach (var (t, bits) in Samples[from..to])
                series.Samples.Add(new Sample { Timestamp = t, Value = BitConverter.UInt64BitsToDouble(bits) });
            return series;
        }
    }

    private static Gen<GeneratedSeries> SeriesGen =>
        from name in Text(1)
        from names in Gen.SubListOf(LabelNames)
        from values in Gen.ListOf(Text(0), names.Count)
        from start in Gen.Choose(-1000, 1000)
        from deltas in Gen.ListOf(Gen.Choose(1, 100_000))
        from bits in Gen.ListOf(Gen.OneOf(Gen.Elements(SpecialValues), ArbMap.Default.GeneratorFor<ulong>()), deltas.Count)
        select new GeneratedSeries(
            [Labels.MetricName, name, .. names.Order(StringComparer.Ordinal).Zip(values).SelectMany(p => new[] { p.First, p.Second })],
            deltas.Select((d, i) => (start * 1_000_000L + deltas.Take(i + 1).Sum(x => (long)x), bits[i])).ToArray());

    /// <summary>Distinct label sets only: a repeated series would make the expected result ambiguous.</summary>
    private static Gen<List<GeneratedSeries>> RequestGen =>
        Gen.ListOf(SeriesGen).Select(list => list.DistinctBy(s => s.Labels).Take(12).ToList());

    [Fact]
    public void WhatIsWrittenIsReadBackBitForBit()
    {
        Prop.ForAll(RequestGen.ToArbitrary(), series =>
        {
            using var head = Head.Open(new HeadOptions());
            var receiver = new RemoteWriteReceiver(head, RemoteWriteReceiver.DefaultMaxBodyBytes);
            // Two requests, half the samples each: the second resolves its series through the cache.
            var first = RemoteWriteSamples.Request([.. series.Select(s => s.ToProto(0, s.Samples.Length / 2))]);
            var second = RemoteWriteSamples.Request([.. series.Select(s => s.ToProto(s.Samples.Length / 2, s.Samples.Length))]);
            foreach (var request in new[] { first, second })
            {
                var result = receiver.Handle(RemoteWriteEncoder.Encode(request));
                if (result.StatusCode != 204) throw new Exception($"status {result.StatusCode}: {result.Message}");
            }

            // What the sender meant is what its encoding says: proto3 omits a zero value, so -0.0 arrives as 0.
            var expected = new Dictionary<Labels, List<(long, ulong)>>();
            foreach (var request in new[] { first, second })
            foreach (var ts in WriteRequest.Parser.ParseFrom(request.ToByteArray()).Timeseries)
            {
                if (ts.Samples.Count == 0) continue;
                var labels = Labels.From(ts.Labels.Select(l => new Storage.Label(l.Name, l.Value)));
                if (!expected.TryGetValue(labels, out var list)) expected.Add(labels, list = []);
                list.AddRange(ts.Samples.Select(x => (x.Timestamp, BitConverter.DoubleToUInt64Bits(x.Value))));
            }
            var stored = RemoteWriteSamples.ReadAll(head);
            if (stored.Count != expected.Count) return false;
            foreach (var (labels, samples) in expected)
            {
                if (!stored.TryGetValue(labels, out var actual) || !actual.SequenceEqual(samples)) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FastDecoderAgreesWithGeneratedParser()
    {
        Prop.ForAll(RequestGen.ToArbitrary(), series =>
        {
            var bytes = RemoteWriteSamples.Request([.. series.Select(s => s.ToProto(0, s.Samples.Length))]).ToByteArray();
            var parsed = WriteRequest.Parser.ParseFrom(bytes);
            using var decoder = new WriteRequestDecoder();
            decoder.Decode(bytes, new SeriesCache(16));

            var withSamples = parsed.Timeseries.Where(ts => ts.Samples.Count > 0).ToList();
            if (decoder.SeriesCount != withSamples.Count) return false;
            for (int i = 0; i < withSamples.Count; i++)
            {
                var decoded = decoder.Series[i];
                var expectedLabels = Labels.From(withSamples[i].Labels.Select(l => new Storage.Label(l.Name, l.Value)));
                if (!expectedLabels.Equals(decoded.Labels)) return false;
                var samples = decoder.Samples.Slice(decoded.FirstSample, decoded.SampleCount).ToArray();
                var expectedSamples = withSamples[i].Samples
                    .Select(s => (s.Timestamp, BitConverter.DoubleToUInt64Bits(s.Value))).ToArray();
                if (!samples.Select(s => (s.Timestamp, BitConverter.DoubleToUInt64Bits(s.Value))).SequenceEqual(expectedSamples))
                    return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void SnappyDecoderInvertsIronSnappy()
    {
        var data = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            // Repetitive input, so the encoder emits copies, overlapping ones included.
            from unit in ArbMap.Default.GeneratorFor<byte[]>()
            from times in Gen.Choose(1, 200)
            select Enumerable.Repeat(unit, times).SelectMany(b => b).ToArray());
        Prop.ForAll(data.ToArbitrary(), bytes =>
        {
            var block = IronSnappy.Snappy.Encode(bytes);
            var decoded = new byte[SnappyBlock.DecodedLength(block)];
            SnappyBlock.Decode(block, decoded);
            return decoded.AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void SnappyDecoderRejectsOrDecodesArbitraryBytesWithoutCrashing()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            try
            {
                int length = SnappyBlock.DecodedLength(bytes);
                if (length > 1 << 20) return true;
                return SnappyBlock.Decode(bytes, new byte[length]) == length;
            }
            catch (RemoteWriteFormatException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }
}
