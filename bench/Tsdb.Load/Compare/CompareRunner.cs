using Tsdb.Load.Queries;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Compare;

/// <summary>
/// Runs one encoded workload against every system. Ingest is measured <c>ingestRepetitions</c> times per
/// system, each time on a fresh instance (start, warm-up load when there is one, the measured load), the
/// systems taking turns so that a disturbance of the machine hits one repetition of each rather than every
/// repetition of one. The instances stay up, idle on the same core while the others ingest; then each
/// one's stored samples are counted, the dashboard queries run against all of them interleaved
/// (<see cref="QueryLoad"/>), the disk of each system's last instance is measured, and they stop.
/// </summary>
public sealed class CompareRunner(TextWriter progress, int ingestRepetitions, int queryRepetitions, int queryWarmups, TimeSpan queryMinimumDuration)
{
    public async Task<SystemResult[]> RunAsync(IReadOnlyList<Func<SystemUnderTest>> create, EncodedWorkload encoded,
        EncodedWorkload? warmUp, CancellationToken cancellationToken)
    {
        if (ingestRepetitions <= 0) throw new ArgumentOutOfRangeException(nameof(ingestRepetitions), ingestRepetitions, "ingest at least once");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var ingests = create.Select(_ => new List<IngestMeasurement>()).ToArray();
        var instances = create.Select(_ => new List<SystemUnderTest>()).ToArray();
        try
        {
            for (int repetition = 1; repetition <= ingestRepetitions; repetition++)
            {
                for (int s = 0; s < create.Count; s++)
                {
                    var system = create[s]();
                    instances[s].Add(system);
                    ingests[s].Add(await IngestAsync(system, http, encoded, warmUp, repetition, cancellationToken));
                }
            }
            return await MeasureStoredAsync(instances, http, encoded, ingests, cancellationToken);
        }
        finally
        {
            foreach (var system in instances.SelectMany(i => i)) await system.DisposeAsync();
        }
    }

    private async Task<IngestMeasurement> IngestAsync(SystemUnderTest system, HttpClient http, EncodedWorkload encoded,
        EncodedWorkload? warmUp, int repetition, CancellationToken cancellationToken)
    {
        await system.StartAsync(http, cancellationToken);
        string instance = $"{system.Name} (instance {repetition}, pid {system.ProcessId}, core {system.Core})";
        SendResult? warmUpSent = null;
        if (warmUp is not null)
        {
            warmUpSent = await RemoteWriteSender.SendAsync(system.WriteUrl, warmUp, cancellationToken);
            progress.WriteLine($"  {instance}: warm-up sent {warmUpSent.SamplesSent:N0} samples, {warmUpSent.FailedRequests} requests refused");
        }
        var before = ProcessStats.Read(system.ProcessId);
        var send = await RemoteWriteSender.SendAsync(system.WriteUrl, encoded, cancellationToken);
        var after = ProcessStats.Read(system.ProcessId);
        var measurement = new IngestMeasurement(send, before, after, warmUpSent);
        progress.WriteLine($"  {instance}: sent {send.SamplesSent:N0} samples in {send.Elapsed.TotalSeconds:F1} s ({send.SamplesPerSecond:N0}/s), " +
                           $"{measurement.Cpu.TotalSeconds:F2} s CPU, {after.ResidentBytes / 1048576.0:F0} MiB resident, {send.FailedRequests} requests refused");
        return measurement;
    }

    private async Task<SystemResult[]> MeasureStoredAsync(List<SystemUnderTest>[] instances, HttpClient http, EncodedWorkload encoded,
        List<IngestMeasurement>[] ingests, CancellationToken cancellationToken)
    {
        var apis = instances.Select(i => i.Select(system => new PromApiClient(system.BaseAddress)).ToArray()).ToArray();
        try
        {
            // Every instance must have stored everything; the report shows the last one's counts, or the first shortfall.
            var counts = new StoredCounts[instances.Length];
            for (int s = 0; s < instances.Length; s++)
            {
                for (int i = 0; i < instances[s].Count; i++)
                {
                    await instances[s][i].FlushAsync(http, cancellationToken);
                    var stored = await StoredCounts.QueryAsync(apis[s][i], encoded, cancellationToken);
                    progress.WriteLine($"  {instances[s][i].Name} (instance {i + 1}): stored {stored}");
                    if (counts[s] is null || counts[s].Matches(encoded)) counts[s] = stored;
                }
            }

            var queries = await QueryLoad.RunAsync(apis, DashboardQuery.Overview, encoded.StartMs, encoded.EndMs, queryRepetitions, cancellationToken,
                queryWarmups, queryMinimumDuration);
            for (int s = 0; s < instances.Length; s++)
                progress.WriteLine($"  {instances[s][0].Name}: query medians over {queries[s][0].Repetitions} timings {string.Join(", ", queries[s].Select(q => $"{q.Query.Name} {q.Median.TotalMilliseconds:F0} ms"))}");

            var results = new SystemResult[instances.Length];
            for (int s = 0; s < instances.Length; s++)
            {
                var system = instances[s][^1];
                var disk = system.MeasuresDiskWhenStopped ? null : await system.PersistedSizeAsync(http, cancellationToken);
                await system.StopAsync();
                disk ??= await system.PersistedSizeAsync(http, cancellationToken);
                progress.WriteLine($"  {system.Name}: {disk.Bytes:N0} bytes on disk");
                results[s] = new SystemResult(system.Name, encoded, ingests[s], counts[s], disk, queries[s]);
            }
            return results;
        }
        finally
        {
            foreach (var api in apis.SelectMany(a => a)) api.Dispose();
        }
    }
}
