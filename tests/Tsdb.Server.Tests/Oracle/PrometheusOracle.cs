using System.Net.Http.Headers;
using Tsdb.Server.RemoteWrite;
using Tsdb.Server.RemoteWrite.Protos;

namespace Tsdb.Server.Tests.Oracle;

/// <summary>
/// A real Prometheus 2.42 (/usr/bin/prometheus) on a free loopback port with a temporary data directory, no
/// scrapes, and the remote write receiver and admin API on: differential tests push the same data to it and
/// to this server and compare the raw answers. Killed and its directory deleted on dispose.
/// </summary>
public sealed class PrometheusOracle : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly ChildProcess _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusOracle(ChildProcess process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public static async Task<PrometheusOracle> StartAsync(TimeSpan? readyTimeout = null)
    {
        var directory = Directory.CreateTempSubdirectory("prometheus-oracle-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 15s\n");
        int port = FreePort.Next();
        var process = new ChildProcess(Binary,
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--web.enable-remote-write-receiver",
            "--web.enable-admin-api",
            "--log.level=warn",
        ]);
        var oracle = new PrometheusOracle(process, directory, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await oracle.WaitReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(30));
        }
        catch
        {
            await oracle.DisposeAsync();
            throw;
        }
        return oracle;
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"prometheus exited:\n{_process.Output}");
            try
            {
                using var response = await _http.GetAsync("/-/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"prometheus not ready after {timeout}:\n{_process.Output}");
    }

    /// <summary>Sends a remote write request; returns the status and the body Prometheus answered.</summary>
    public async Task<(int Status, string Body)> PushAsync(WriteRequest request)
    {
        using var content = new ByteArrayContent(RemoteWriteEncoder.Encode(request));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        using var response = await _http.PostAsync("/api/v1/write", content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>/api/v1/query; <paramref name="time"/> in seconds since the epoch. Returns the raw JSON.</summary>
    public Task<string> QueryInstantAsync(string query, double time) =>
        RawGetAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}&time={Format(time)}");

    /// <summary>/api/v1/query_range over [start, end] seconds with a step in seconds. Returns the raw JSON.</summary>
    public Task<string> QueryRangeAsync(string query, double start, double end, double step) =>
        RawGetAsync($"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Format(start)}&end={Format(end)}&step={Format(step)}");

    /// <summary>Any GET; the body whatever the status, so error answers can be compared too.</summary>
    public async Task<string> RawGetAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(pathAndQuery);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Format(double seconds) => seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temporary directory is cleaned by the OS eventually.
        }
        return ValueTask.CompletedTask;
    }
}
