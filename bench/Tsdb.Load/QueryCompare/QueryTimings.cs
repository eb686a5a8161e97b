using System.Diagnostics;
using System.Globalization;
using Tsdb.Load.Systems;

namespace Tsdb.Load.QueryCompare;

/// <summary>A query's latency on one system: median wall time of the timed runs and the server's mean CPU time per run.</summary>
public sealed record QueryTiming(ComparedQuery Query, int Series, long ResponseBytes, TimeSpan MedianWall, TimeSpan CpuPerRun);

/// <summary>
/// Times range queries against one running system over HTTP: form POSTs to /api/v1/query_range whose whole answer
/// is read (not parsed, so the client's own work stays small); the server's CPU time comes from /proc around each
/// timed run. <see cref="MeasureInterleavedAsync"/> times several systems run by run.
/// </summary>
public sealed class QueryTimings(Uri baseAddress, int processId) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    private readonly int _processId = processId;

    /// <summary>
    /// One query on every system: <paramref name="warmUp"/> untimed runs each, then <paramref name="runs"/> timed
    /// rounds in which the systems take turns, the first one changing from round to round (<see cref="TurnOrder"/>).
    /// A slow moment of the machine then falls on all systems alike rather than on whichever one was being timed
    /// then: timed one system after the other, the system timed last once came out half again as slow as in the
    /// run before, on a machine whose speed drifted over the minutes between.
    /// </summary>
    /// <param name="series">Per system, how many series the query answers with there.</param>
    public static async Task<QueryTiming[]> MeasureInterleavedAsync(IReadOnlyList<QueryTimings> systems, ComparedQuery query, long startMs, long endMs,
        IReadOnlyList<int> series, int warmUp, int runs, CancellationToken cancellationToken)
    {
        var bytes = new long[systems.Count];
        for (int i = 0; i < warmUp; i++)
        {
            for (int s = 0; s < systems.Count; s++) bytes[s] = await systems[s].RunAsync(query, startMs, endMs, cancellationToken);
        }
        var walls = systems.Select(_ => new List<TimeSpan>(runs)).ToArray();
        var cpu = new TimeSpan[systems.Count];
        for (int round = 0; round < runs; round++)
        {
            foreach (int s in TurnOrder.Of(round, systems.Count))
            {
                var cpuBefore = ProcessStats.Read(systems[s]._processId).CpuTime;
                long started = Stopwatch.GetTimestamp();
                bytes[s] = await systems[s].RunAsync(query, startMs, endMs, cancellationToken);
                walls[s].Add(Stopwatch.GetElapsedTime(started));
                cpu[s] += ProcessStats.Read(systems[s]._processId).CpuTime - cpuBefore;
            }
        }
        return systems.Select((_, s) =>
        {
            walls[s].Sort();
            return new QueryTiming(query, series[s], bytes[s], walls[s][walls[s].Count / 2], cpu[s] / runs);
        }).ToArray();
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
