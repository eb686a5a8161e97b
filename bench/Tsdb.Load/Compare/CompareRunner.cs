using System.Diagnostics;
using Tsdb.Load.Queries;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Compare;

/// <summary>
/// Runs one encoded workload against every system, each as <c>instancesPerSystem</c> fresh instances that
/// are all started first and all stay up. The instances then receive the warm-up load when there is one and
/// then the measured load round by round: each round goes to every instance in turn, the first one changing
/// from round to round (<see cref="TurnOrder"/>), so that each instance's CPU time over the whole ingest
/// covers the same moments of the machine and a slow minute weighs on every system alike instead of on the
/// one ingesting then. Then each instance's stored samples are counted, the dashboard queries run against all
/// of them interleaved (<see cref="QueryLoad"/>), the disk of each system's last instance is measured, and
/// they stop.
/// </summary>
public sealed class CompareRunner(TextWriter progress, int instancesPerSystem, int queryRepetitions, int queryWarmups, TimeSpan queryMinimumDuration)
{
    public async Task<SystemResult[]> RunAsync(IReadOnlyList<Func<SystemUnderTest>> create, EncodedWorkload encoded,
        EncodedWorkload? warmUp, CancellationToken cancellationToken)
    {
        if (instancesPerSystem <= 0) throw new ArgumentOutOfRangeException(nameof(instancesPerSystem), instancesPerSystem, "run each system at least once");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var instances = create.Select(_ => new List<SystemUnderTest>()).ToArray();
        try
        {
            // Systems alternate in the start order too: ours, Prometheus, VictoriaMetrics, ours, ...
            var all = new List<(int System, int Instance, SystemUnderTest Server)>();
            for (int instance = 1; instance <= instancesPerSystem; instance++)
            {
                for (int s = 0; s < create.Count; s++)
                {
                    var system = create[s]();
                    instances[s].Add(system);
                    all.Add((s, instance, system));
                    await system.StartAsync(http, cancellationToken);
                    progress.WriteLine($"  {Describe(system, instance)}: started");
                }
            }
            var servers = all.Select(i => i.Server).ToArray();
            var warmUpSent = warmUp is null ? null : await SendTakingTurnsAsync(servers, warmUp, cancellationToken);
            var before = servers.Select(server => ProcessStats.Read(server.ProcessId)).ToArray();
            var ingestTime = Stopwatch.StartNew();
            var sent = await SendTakingTurnsAsync(servers, encoded, cancellationToken);
            var after = servers.Select(server => ProcessStats.Read(server.ProcessId)).ToArray();
            progress.WriteLine($"  ingest: {encoded.Samples:N0} samples to each of {servers.Length} instances, round by round, in {ingestTime.Elapsed.TotalSeconds:F1} s");

            var ingests = create.Select(_ => new List<IngestMeasurement>()).ToArray();
            for (int i = 0; i < all.Count; i++)
            {
                var measurement = new IngestMeasurement(sent[i], before[i], after[i], warmUpSent?[i]);
                ingests[all[i].System].Add(measurement);
                progress.WriteLine($"  {Describe(all[i].Server, all[i].Instance)}: " +
                                   (warmUpSent is null ? "" : $"warm-up {warmUpSent[i].FailedRequests} requests refused; ") +
                                   $"sent {sent[i].SamplesSent:N0} samples in {sent[i].Elapsed.TotalSeconds:F1} s of its turns, " +
                                   $"{measurement.Cpu.TotalSeconds:F2} s CPU, {after[i].ResidentBytes / 1048576.0:F0} MiB resident, {sent[i].FailedRequests} requests refused");
            }
            return await MeasureStoredAsync(instances, http, encoded, ingests, cancellationToken);
        }
        finally
        {
            foreach (var system in instances.SelectMany(i => i)) await system.DisposeAsync();
        }
    }

    private static string Describe(SystemUnderTest system, int instance) =>
        $"{system.Name} (instance {instance}, pid {system.ProcessId}, core {system.Core})";

    /// <summary>Sends <paramref name="encoded"/> to every server, round by round, the servers taking turns within each round.</summary>
    private static async Task<SendResult[]> SendTakingTurnsAsync(IReadOnlyList<SystemUnderTest> servers, EncodedWorkload encoded,
        CancellationToken cancellationToken)
    {
        var senders = servers.Select(server => new RoundSender(server.WriteUrl, encoded)).ToArray();
        try
        {
            for (int round = 0; round < encoded.RequestsPerRound.Count; round++)
            {
                foreach (int i in TurnOrder.Of(round, senders.Length)) await senders[i].SendRoundAsync(round, cancellationToken);
            }
            return senders.Select(sender => sender.Result).ToArray();
        }
        finally
        {
            foreach (var sender in senders) sender.Dispose();
        }
    }

    private async Task<SystemResult[]> MeasureStoredAsync(List<SystemUnderTest>[] instances, HttpClient http, EncodedWorkload encoded,
        List<IngestMeasurement>[] ingests, CancellationToken cancellationToken)
    {
        var apis = instances.Select(i => i.Select(system => new PromApiClient(system.BaseAddress)).ToArray()).ToArray();
        try
        {
            // Every instance must have stored everything; the report shows the last one's counts, or the first shortfall.
            var phase = Stopwatch.StartNew();
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
            progress.WriteLine($"  counted in {phase.Elapsed.TotalSeconds:F1} s");
            phase.Restart();
            var queries = await QueryLoad.RunAsync(apis, DashboardQuery.Overview, encoded.StartMs, encoded.EndMs, queryRepetitions, cancellationToken,
                queryWarmups, queryMinimumDuration);
            progress.WriteLine($"  queries: {queries[0][0].Rounds} timed rounds and {queryWarmups} untimed in {phase.Elapsed.TotalSeconds:F1} s");
            for (int s = 0; s < instances.Length; s++)
                progress.WriteLine($"  {instances[s][0].Name}: query medians {string.Join(", ", queries[s].Select(q => $"{q.Query.Name} {q.Median.TotalMilliseconds:F0} ms"))}");

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
