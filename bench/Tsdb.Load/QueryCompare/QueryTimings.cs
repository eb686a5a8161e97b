using System.Diagnostics;
using System.Globalization;
using Tsdb.Load.Systems;

namespace Tsdb.Load.QueryCompare;

/// <summary>A query's latency on one system: median wall time of the timed runs and the server's mean CPU time per run.</summary>
public sealed record QueryTiming(ComparedQuery Query, int Series, long ResponseBytes, TimeSpan MedianWall, TimeSpan CpuPerRun);

/// <summary>
/// Times range queries against a running system over HTTP: form POSTs to /api/v1/query_range whose whole answer
/// is read (not parsed, so the client's own work stays small), after warm-up runs; the server's CPU time comes
/// from /proc over the timed runs.
/// </summary>
public sealed class QueryTimings(Uri baseAddress, int processId, int warmUp, int runs) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public async Task<QueryTiming> MeasureAsync(ComparedQuery query, long startMs, long endMs, int series, CancellationToken cancellationToken)
    {
        long bytes = 0;
        for (int i = 0; i < warmUp; i++) bytes = await RunAsync(query, startMs, endMs, cancellationToken);
        var walls = new List<TimeSpan>(runs);
        var cpuBefore = ProcessStats.Read(processId).CpuTime;
        for (int i = 0; i < runs; i++)
        {
            long started = Stopwatch.GetTimestamp();
            bytes = await RunAsync(query, startMs, endMs, cancellationToken);
            walls.Add(Stopwatch.GetElapsedTime(started));
        }
        var cpu = ProcessStats.Read(processId).CpuTime - cpuBefore;
        walls.Sort();
        return new QueryTiming(query, series, bytes, walls[walls.Count / 2], cpu / runs);
    }

    private async Task<long> RunAsync(ComparedQuery query, long startMs, long endMs, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(
        [
            new("query", query.Expression),
            new("start", Seconds(startMs)),
            new("end", Seconds(endMs)),
            new("step", query.Step.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
        ]);
        using var response = await _client.PostAsync("api/v1/query_range", content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidDataException($"{query}: HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(300, body.Length)))}");
        return body.Length;
    }

    private static string Seconds(long ms) => (ms / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    public void Dispose() => _client.Dispose();
}
