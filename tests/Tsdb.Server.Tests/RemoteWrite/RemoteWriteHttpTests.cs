using System.Net;
using System.Net.Http.Headers;
using Tsdb.Server.RemoteWrite;
using Tsdb.Storage;
using static Tsdb.Server.Tests.RemoteWrite.RemoteWriteSamples;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>The endpoint of a real server started in-process on a free loopback port.</summary>
public sealed class RemoteWriteHttpTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tsdb-rw-http-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Starts a server that scrapes nothing, so that only what a test sends is stored.</summary>
    private async Task<TsdbServer> Start(params string[] flags)
    {
        var config = Path.Combine(_directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, "scrape_configs: []\n");
        return await TsdbServer.StartAsync(ServerOptions.Parse(
            [$"--storage.tsdb.path={Path.Combine(_directory, "data")}", "--web.listen-address=127.0.0.1:0", $"--config.file={config}", .. flags]));
    }

    private static async Task<HttpResponseMessage> Post(TsdbServer server, byte[] body)
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        return await http.PostAsync(RemoteWriteEndpoint.Path, content);
    }

    [Fact]
    public async Task StoresAndAnswersLikePrometheus()
    {
        await using var server = await Start("--web.enable-remote-write-receiver", "--web.remote-write-receiver.max-body-size=1KB");

        using var ok = await Post(server, RemoteWriteEncoder.Encode(Request(Series(["__name__", "up", "job", "node"], (1000, 1), (2000, 0)))));
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal([(1000L, BitConverter.DoubleToUInt64Bits(1)), (2000L, 0UL)], ReadAll(server.Head)[Labels.FromPairs("__name__", "up", "job", "node")]);

        using var outOfOrder = await Post(server, RemoteWriteEncoder.Encode(Request(Series(["__name__", "up", "job", "node"], (1500, 1)))));
        Assert.Equal(HttpStatusCode.BadRequest, outOfOrder.StatusCode);
        Assert.Equal("out of order sample\n", await outOfOrder.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", outOfOrder.Content.Headers.ContentType?.ToString());

        using var tooLarge = await Post(server, new byte[2048]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("exceeds the limit of 1024 bytes", await tooLarge.Content.ReadAsStringAsync());

        using var garbage = await Post(server, [0x05, 0xFF]);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.StartsWith("snappy:", await garbage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EndpointIsAbsentWithoutTheFlag()
    {
        await using var server = await Start();
        using var response = await Post(server, RemoteWriteEncoder.Encode(Request(Series(["__name__", "up"], (1000, 1)))));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, server.Head.SeriesCount);
    }
}
