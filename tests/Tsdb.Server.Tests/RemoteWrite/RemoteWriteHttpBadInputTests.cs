using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using IronSnappy;
using Tsdb.Server.RemoteWrite;
using Tsdb.Server.Tests.Api;
using static Tsdb.Server.Tests.RemoteWrite.RemoteWriteSamples;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>
/// Bad bodies sent over HTTP to a running server: each is refused with a status and a reason, the server keeps
/// answering, and what was stored before is still returned by the query API.
/// </summary>
public sealed class RemoteWriteHttpBadInputTests : IAsyncLifetime
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    private ApiTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiTestServer.StartAsync("scrape_configs: []\n");
        await _server.PushAsync(Request(Series(["__name__", "up", "job", "node"], (1_000_000, 1), (1_015_000, 0))));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task AssertRefused(HttpContent content, HttpStatusCode status, string reasonPart)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var response = await _server.Http.PostAsync(RemoteWriteEndpoint.Path, content);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reasonPart, await response.Content.ReadAsStringAsync());
        await AssertEarlierDataIntact();
    }

    private Task AssertRefused(byte[] body, HttpStatusCode status, string reasonPart) =>
        AssertRefused(new ByteArrayContent(body), status, reasonPart);

    private async Task AssertEarlierDataIntact()
    {
        var (status, body) = await _server.GetJsonAsync("/api/v1/query?query=" + Uri.EscapeDataString("up[1m]") + "&time=1020");
        Assert.Equal(200, status);
        var result = body["data"]!["result"]!.AsArray();
        var only = Assert.Single(result);
        Assert.Equal("""[[1000,"1"],[1015,"0"]]""", only!["values"]!.ToJsonString());
        var (_, names) = await _server.GetJsonAsync("/api/v1/label/__name__/values");
        Assert.Equal("""["up"]""", names["data"]!.ToJsonString());
    }

    /// <summary>A good series, then one whose labels are written byte by byte (the generated classes refuse bad ones).</summary>
    private static byte[] WithBadLabels(params (byte[] Name, byte[] Value)[] labels)
    {
        var request = new MemoryStream();
        var output = new CodedOutputStream(request);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteMessage(Series(["__name__", "fresh"], (1_016_000, 7)));
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(RawTimeSeries.Encode(1_016_000, labels)));
        output.Flush();
        return Snappy.Encode(request.ToArray());
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public Task TruncatedSnappy() =>
        AssertRefused(RemoteWriteEncoder.Encode(Request(Series(["__name__", "fresh"], (1_016_000, 1))))[..^3], HttpStatusCode.BadRequest, "snappy");

    [Fact]
    public Task InvalidProtobuf()
    {
        var proto = Request(Series(["__name__", "fresh", "job", "x"], (1_016_000, 1))).ToByteArray();
        proto[1] = 0x7F; // the first series now claims more bytes than the message holds
        return AssertRefused(Snappy.Encode(proto), HttpStatusCode.BadRequest, "runs past the end");
    }

    [Fact]
    public Task DuplicateLabelNames() =>
        AssertRefused(WithBadLabels((Utf8("__name__"), Utf8("m")), (Utf8("job"), Utf8("a")), (Utf8("job"), Utf8("b"))),
            HttpStatusCode.BadRequest, "duplicate label name \"job\"");

    [Fact]
    public Task EmptyLabelName() =>
        AssertRefused(WithBadLabels((Utf8("__name__"), Utf8("m")), ([], Utf8("a"))), HttpStatusCode.BadRequest, "empty name");

    [Fact]
    public Task InvalidUtf8() =>
        AssertRefused(WithBadLabels((Utf8("__name__"), Utf8("m")), (Utf8("job"), [0xC3, 0x28])), HttpStatusCode.BadRequest, "UTF-8");

    [Fact]
    public Task HundredMegabytesDeclared() =>
        AssertRefused(new RepeatedBytesContent(HundredMegabytes, declareLength: true), HttpStatusCode.RequestEntityTooLarge,
            $"request body of {HundredMegabytes} bytes exceeds the limit");

    /// <summary>Without a declared length the server counts while it reads, and stops storing at the limit.</summary>
    [Fact]
    public Task HundredMegabytesChunked() =>
        AssertRefused(new RepeatedBytesContent(HundredMegabytes, declareLength: false), HttpStatusCode.RequestEntityTooLarge,
            "request body exceeds the limit of 33554432 bytes");

    /// <summary>
    /// A large body produced while it is sent, from one small buffer, so that the test itself stays small;
    /// stops quietly if the server answers and closes the connection before the end.
    /// </summary>
    private sealed class RepeatedBytesContent(long length, bool declareLength) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var block = new byte[64 * 1024];
            Array.Fill(block, (byte)0xAB);
            try
            {
                for (long written = 0; written < length; written += block.Length)
                    await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, length - written)));
            }
            catch (IOException)
            {
                // The server refused before the end of the body and closed the connection.
            }
        }

        protected override bool TryComputeLength(out long declared)
        {
            declared = length;
            return declareLength;
        }
    }
}
