using Google.Protobuf;
using IronSnappy;
using Tsdb.Server.RemoteWrite.Protos;

namespace Tsdb.Server.RemoteWrite;

/// <summary>What a remote write sender puts in a request body: protobuf, then snappy block compression.</summary>
public static class RemoteWriteEncoder
{
    public static byte[] Encode(WriteRequest request) => Snappy.Encode(request.ToByteArray());
}
