using System.Diagnostics;
using System.Net.Http.Headers;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Sending;

/// <summary>
/// Sends pre-encoded remote write requests, one task per worker, each worker's requests in order. A request
/// that gets anything but 2xx is counted as failed and not retried: the stored-sample check then shows what
/// was lost.
/// </summary>
public static class RemoteWriteSender
{
    public static async Task<SendResult> SendAsync(Uri writeUrl, EncodedWorkload encoded, CancellationToken cancellationToken)
    {
        using var client = CreateClient(encoded.Workers);
        int failed = 0;
        string? firstError = null;
        var stopwatch = Stopwatch.StartNew();
        var workers = encoded.RequestsPerWorker.Select(requests => Task.Run(async () =>
        {
            foreach (var body in requests)
            {
                string? error = await SendOneAsync(client, writeUrl, body, cancellationToken);
                if (error is null) continue;
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, error, null);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        stopwatch.Stop();
        return new SendResult(stopwatch.Elapsed, encoded.Requests, failed, encoded.Samples, firstError);
    }

    /// <summary>A client that keeps one connection per worker open.</summary>
    public static HttpClient CreateClient(int workers) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = workers }) { Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Null when the receiver took the request, else what it said.</summary>
    public static async Task<string?> SendOneAsync(HttpClient client, Uri writeUrl, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var request = new HttpRequestMessage(HttpMethod.Post, writeUrl) { Content = content };
        request.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode) return null;
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            return $"HTTP {(int)response.StatusCode}: {text.Trim()}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }
}
