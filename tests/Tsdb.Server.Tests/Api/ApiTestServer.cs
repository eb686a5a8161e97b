using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tsdb.Server.RemoteWrite;
using Tsdb.Server.RemoteWrite.Protos;

namespace Tsdb.Server.Tests.Api;

/// <summary>A server started in-process on a free loopback port over a temporary directory, with helpers to call it.</summary>
internal sealed class ApiTestServer : IAsyncDisposable
{
    private readonly string _directory;

    private ApiTestServer(TsdbServer server, string directory)
    {
        Server = server;
        _directory = directory;
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public TsdbServer Server { get; }

    public HttpClient Http { get; }

    /// <summary>Starts with the remote write receiver on; <paramref name="configYaml"/> becomes the config file when given, else the built-in configuration runs.</summary>
    public static async Task<ApiTestServer> StartAsync(string? configYaml = null, params string[] flags)
    {
        var directory = Directory.CreateTempSubdirectory("tsdb-api-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        string[] configFlag = [];
        if (configYaml is not null)
        {
            await File.WriteAllTextAsync(config, configYaml);
            configFlag = [$"--config.file={config}"];
        }
        var options = ServerOptions.Parse([
            $"--storage.tsdb.path={Path.Combine(directory, "data")}", "--web.listen-address=127.0.0.1:0",
            .. configFlag, "--web.enable-remote-write-receiver", "--log.level=error", .. flags]);
        return new ApiTestServer(await TsdbServer.StartAsync(options), directory);
    }

    public async Task PushAsync(WriteRequest request)
    {
        using var content = new ByteArrayContent(RemoteWriteEncoder.Encode(request));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var response = await Http.PostAsync(RemoteWriteEndpoint.Path, content);
        Assert.Equal(204, (int)response.StatusCode);
    }

    /// <summary>GETs a path; returns the status and the parsed JSON body.</summary>
    public async Task<(int Status, JsonNode Body)> GetJsonAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(pathAndQuery);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return ((int)response.StatusCode, JsonNode.Parse(text)!);
    }

    public async Task<(int Status, JsonNode Body)> PostFormAsync(string path, params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await Http.PostAsync(path, content);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
