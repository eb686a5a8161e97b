using Google.Protobuf;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>
/// A TimeSeries message written field by field, so its labels can hold what the generated classes refuse
/// to encode (invalid UTF-8, duplicate or empty names).
/// </summary>
internal static class RawTimeSeries
{
    public static byte[] Encode(long timestamp, params (byte[] Name, byte[] Value)[] labels)
    {
        var series = new MemoryStream();
        var inner = new CodedOutputStream(series);
        foreach (var (name, value) in labels)
        {
            var label = new MemoryStream();
            var labelOut = new CodedOutputStream(label);
            labelOut.WriteTag(1, WireFormat.WireType.LengthDelimited);
            labelOut.WriteBytes(ByteString.CopyFrom(name));
            labelOut.WriteTag(2, WireFormat.WireType.LengthDelimited);
            labelOut.WriteBytes(ByteString.CopyFrom(value));
            labelOut.Flush();
            inner.WriteTag(1, WireFormat.WireType.LengthDelimited);
            inner.WriteBytes(ByteString.CopyFrom(label.ToArray()));
        }
        inner.WriteTag(2, WireFormat.WireType.LengthDelimited);
        inner.WriteMessage(new Tsdb.Server.RemoteWrite.Protos.Sample { Timestamp = timestamp, Value = 1 });
        inner.Flush();
        return series.ToArray();
    }
}
