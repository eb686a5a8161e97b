using System.Text;
using Google.Protobuf;
using IronSnappy;
using Tsdb.Server.RemoteWrite;
using Tsdb.Storage;
using static Tsdb.Server.Tests.RemoteWrite.RemoteWriteSamples;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>Every bad request is refused with a reason naming the problem and leaves stored data as it was.</summary>
public sealed class RemoteWriteBadInputTests : IDisposable
{
    private readonly Head _head = Head.Open(new HeadOptions());
    private readonly RemoteWriteReceiver _receiver;
    private readonly Dictionary<Labels, List<(long T, ulong Bits)>> _before;

    public RemoteWriteBadInputTests()
    {
        _receiver = new RemoteWriteReceiver(_head, maxBodyBytes: 4096);
        var good = Request(
            Series(["__name__", "up", "job", "node"], (1000, 1), (2000, 1)),
            Series(["__name__", "load", "job", "node"], (1000, 0.5)));
        Assert.Equal(204, _receiver.Handle(RemoteWriteEncoder.Encode(good)).StatusCode);
        _before = ReadAll(_head);
    }

    public void Dispose() => _head.Dispose();

    private void AssertRefused(byte[] body, int status, string reasonPart)
    {
        var result = _receiver.Handle(body);
        Assert.Equal(status, result.StatusCode);
        Assert.Contains(reasonPart, result.Message);
        var after = ReadAll(_head);
        Assert.Equal(_before.Count, after.Count);
        foreach (var (labels, samples) in _before) Assert.Equal(samples, after[labels]);
    }

    /// <summary>A valid series first, so a refusal must also hold back samples that came before the problem.</summary>
    private static byte[] WithGoodSeriesFirst(Action<CodedOutputStream> writeBadSeries)
    {
        var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteMessage(Series(["__name__", "fresh", "job", "x"], (5000, 7)));
        writeBadSeries(output);
        output.Flush();
        return Snappy.Encode(buffer.ToArray());
    }

    /// <summary>A TimeSeries written by hand, so labels can hold what the generated classes refuse to encode.</summary>
    private static Action<CodedOutputStream> RawSeries(params (byte[] Name, byte[] Value)[] labels) => output =>
    {
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(RawTimeSeries.Encode(9000, labels)));
    };

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void TruncatedSnappy()
    {
        var body = RemoteWriteEncoder.Encode(Request(Series(["__name__", "fresh"], (5000, 1))));
        AssertRefused(body[..^3], 400, "snappy");
    }

    [Fact]
    public void InvalidProtobuf()
    {
        var proto = Request(Series(["__name__", "fresh", "job", "x"], (5000, 1))).ToByteArray();
        proto[1] = 0x7F; // the first series now claims more bytes than the message holds
        AssertRefused(Snappy.Encode(proto), 400, "runs past the end");
    }

    [Fact]
    public void WrongWireType()
    {
        AssertRefused(Snappy.Encode([0x08, 0x01]), 400, "wire type");
    }

    [Fact]
    public void DuplicateLabelName() =>
        AssertRefused(WithGoodSeriesFirst(RawSeries((Utf8("__name__"), Utf8("m")), (Utf8("job"), Utf8("a")), (Utf8("job"), Utf8("b")))),
            400, "duplicate label name \"job\"");

    [Fact]
    public void EmptyLabelName() =>
        AssertRefused(WithGoodSeriesFirst(RawSeries((Utf8("__name__"), Utf8("m")), ([], Utf8("a")))), 400, "empty name");

    [Fact]
    public void InvalidUtf8InValue() =>
        AssertRefused(WithGoodSeriesFirst(RawSeries((Utf8("__name__"), Utf8("m")), (Utf8("job"), [0xC3, 0x28]))),
            400, "label value at byte");

    [Fact]
    public void InvalidUtf8InName() =>
        AssertRefused(WithGoodSeriesFirst(RawSeries((Utf8("__name__"), Utf8("m")), ([0xFF], Utf8("x")))),
            400, "not valid UTF-8");

    [Fact]
    public void OnlyEmptyValues() =>
        AssertRefused(WithGoodSeriesFirst(RawSeries((Utf8("job"), []))), 400, "no labels");

    [Fact]
    public void NativeHistograms()
    {
        var series = Series(["__name__", "h"]);
        series.Histograms.Add(new Tsdb.Server.RemoteWrite.Protos.Histogram { CountInt = 1, Timestamp = 5000 });
        AssertRefused(RemoteWriteEncoder.Encode(Request(Series(["__name__", "fresh"], (5000, 1)), series)), 400, "native histogram");
    }

    [Fact]
    public void BodyOverLimit()
    {
        var random = new Random(7);
        var bytes = new byte[5000];
        random.NextBytes(bytes);
        AssertRefused(bytes, 413, "exceeds the limit of 4096 bytes");
    }

    [Fact]
    public void DecompressedBodyOverLimit()
    {
        var big = Request(Series(["__name__", "fresh", "job", new string('x', 6000)], (5000, 1)));
        var body = RemoteWriteEncoder.Encode(big);
        Assert.True(body.Length < 4096);
        AssertRefused(body, 413, "decompressed request");
    }

    [Fact]
    public void OutOfOrderSampleRefusesTheWholeRequest() =>
        AssertRefused(RemoteWriteEncoder.Encode(Request(
            Series(["__name__", "fresh", "job", "x"], (5000, 7)),
            Series(["__name__", "up", "job", "node"], (1500, 1)))), 400, RemoteWriteReceiver.OutOfOrderMessage);

    [Fact]
    public void DuplicateSampleRefusesTheWholeRequest() =>
        AssertRefused(RemoteWriteEncoder.Encode(Request(
            Series(["__name__", "fresh", "job", "x"], (5000, 7)),
            Series(["__name__", "up", "job", "node"], (2000, 3)))), 400, RemoteWriteReceiver.DuplicateMessage);

    [Fact]
    public void ResendingAnIdenticalSampleIsAccepted()
    {
        var result = _receiver.Handle(RemoteWriteEncoder.Encode(Request(Series(["__name__", "up", "job", "node"], (2000, 1)))));
        Assert.Equal(204, result.StatusCode);
        Assert.Equal(_before[Labels.FromPairs("__name__", "up", "job", "node")], ReadAll(_head)[Labels.FromPairs("__name__", "up", "job", "node")]);
    }

    [Fact]
    public void UnsortedLabelsAreSortedAsPrometheusDoes()
    {
        var result = _receiver.Handle(RemoteWriteEncoder.Encode(Request(Series(["job", "node", "__name__", "up"], (3000, 1)))));
        Assert.Equal(204, result.StatusCode);
        var stored = ReadAll(_head)[Labels.FromPairs("__name__", "up", "job", "node")];
        Assert.Equal((3000L, BitConverter.DoubleToUInt64Bits(1)), stored[^1]);
        Assert.Equal(_before.Count, ReadAll(_head).Count);
    }
}
