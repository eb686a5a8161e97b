using Tsdb.Load.Queries;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Compare;

/// <summary>
/// Runs one encoded workload against one system: start it fresh, send, measure its process, check what it
/// stored, measure its disk, time the dashboard queries, stop it.
/// </summary>
public sealed class CompareRunner(TextWriter progress, int queryRepetitions)
{
    public async Task<SystemResult> RunAsync(SystemUnderTest system, EncodedWorkload encoded, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await system.StartAsync(http, cancellationToken);
        progress.WriteLine($"  {system.Name}: ready on {system.BaseAddress}, pid {system.ProcessId}, core {system.Core}");

        var before = ProcessStats.Read(system.ProcessId);
        var send = await RemoteWriteSender.SendAsync(system.WriteUrl, encoded, cancellationToken);
        var after = ProcessStats.Read(system.ProcessId);
        progress.WriteLine($"  {system.Name}: sent {send.SamplesSent:N0} samples in {send.Elapsed.TotalSeconds:F1} s ({send.SamplesPerSecond:N0}/s), {send.FailedRequests} requests refused");

        await system.FlushAsync(http, cancellationToken);
        using var api = new PromApiClient(system.BaseAddress);
        bool hasQueryApi = await api.HasQueryApiAsync(cancellationToken);
        StoredCounts? counts = hasQueryApi ? await StoredCounts.QueryAsync(api, encoded, cancellationToken) : null;
        IReadOnlyList<QueryLatency>? queries = null;
        if (hasQueryApi)
        {
            queries = await QueryLoad.RunAsync(api, DashboardQuery.Overview, encoded.StartMs, encoded.EndMs, queryRepetitions, cancellationToken);
            progress.WriteLine($"  {system.Name}: queries done, median {string.Join(", ", queries.Select(q => $"{q.Query.Name} {q.Median.TotalMilliseconds:F0} ms"))}");
        }
        var disk = system.MeasuresDiskWhenStopped ? null : await system.PersistedSizeAsync(http, cancellationToken);
        await system.StopAsync();
        disk ??= await system.PersistedSizeAsync(http, cancellationToken);
        counts ??= StoredCounts.ReplayWal(system.DataDirectory, encoded);
        progress.WriteLine($"  {system.Name}: stored {counts}; {disk.Bytes:N0} bytes on disk");

        return new SystemResult(system.Name, encoded, send, before, after, counts, disk, queries,
            hasQueryApi ? null : "n/a (no query API)");
    }
}
