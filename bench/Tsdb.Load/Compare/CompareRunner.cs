using Tsdb.Load.Queries;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Compare;

/// <summary>
/// Runs one encoded workload against one system: start it fresh, send the warm-up load when there is one,
/// send, measure its process, check what it stored, measure its disk, time the dashboard queries (after
/// <paramref name="queryWarmups"/> unrecorded rounds), stop it.
/// </summary>
public sealed class CompareRunner(TextWriter progress, int queryRepetitions, int queryWarmups = 0)
{
    public async Task<SystemResult> RunAsync(SystemUnderTest system, EncodedWorkload encoded, CancellationToken cancellationToken, EncodedWorkload? warmUp = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await system.StartAsync(http, cancellationToken);
        progress.WriteLine($"  {system.Name}: ready on {system.BaseAddress}, pid {system.ProcessId}, core {system.Core}");

        SendResult? warmUpSent = null;
        if (warmUp is not null)
        {
            warmUpSent = await RemoteWriteSender.SendAsync(system.WriteUrl, warmUp, cancellationToken);
            progress.WriteLine($"  {system.Name}: warm-up sent {warmUpSent.SamplesSent:N0} samples, {warmUpSent.FailedRequests} requests refused");
        }

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
            queries = await QueryLoad.RunAsync(api, DashboardQuery.Overview, encoded.StartMs, encoded.EndMs, queryRepetitions, cancellationToken, queryWarmups);
            progress.WriteLine($"  {system.Name}: queries done, median {string.Join(", ", queries.Select(q => $"{q.Query.Name} {q.Median.TotalMilliseconds:F0} ms"))}");
        }
        var disk = system.MeasuresDiskWhenStopped ? null : await system.PersistedSizeAsync(http, cancellationToken);
        await system.StopAsync();
        disk ??= await system.PersistedSizeAsync(http, cancellationToken);
        counts ??= StoredCounts.ReplayWal(system.DataDirectory, encoded);
        progress.WriteLine($"  {system.Name}: stored {counts}; {disk.Bytes:N0} bytes on disk");

        return new SystemResult(system.Name, encoded, send, before, after, counts, disk, queries,
            hasQueryApi ? null : "n/a (no query API)", warmUpSent);
    }
}
