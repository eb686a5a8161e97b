using System.Diagnostics;
using System.Globalization;
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
/// one ingesting then. Then each instance's stored samples are counted, every instance finishes its background
/// work (<see cref="SystemUnderTest.SettleAsync"/>), the dashboard queries run against all of them interleaved
/// (<see cref="QueryLoad"/>), first untimed and then timed, the disk of each system's last instance is measured, and they
/// stop. Resident memory is read from the end of the ingest to the end of the untimed queries (<see cref="ResidentMemorySampler"/>).
/// </summary>
public sealed class CompareRunner(TextWriter progress, int instancesPerSystem, int queryRepetitions, int queryWarmups, TimeSpan queryMinimumDuration)
{
    /// <summary>
    /// The untimed query rounds go on for at least this long, so that resident memory is read over several of every
    /// collector's cycles even where the queries are fast.
    /// </summary>
    public static readonly TimeSpan UntimedQueryDuration = TimeSpan.FromSeconds(10);

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
            foreach (var server in servers) await server.FinishIngestAsync(http, cancellationToken);
            var after = servers.Select(server => ProcessStats.Read(server.ProcessId)).ToArray();
            var resident = new ResidentMemorySampler(servers.Select(server => server.ProcessId).ToArray());
            progress.WriteLine($"  ingest: {encoded.Samples:N0} samples to each of {servers.Length} instances, round by round, in {ingestTime.Elapsed.TotalSeconds:F1} s");
            for (int i = 0; i < all.Count; i++)
            {
                progress.WriteLine($"  {Describe(all[i].Server, all[i].Instance)}: " +
                                   (warmUpSent is null ? "" : $"warm-up {warmUpSent[i].FailedRequests} requests refused; ") +
                                   $"sent {sent[i].SamplesSent:N0} samples in {sent[i].Elapsed.TotalSeconds:F1} s of its turns, " +
                                   $"{(after[i].CpuTime - before[i].CpuTime).TotalSeconds:F2} s CPU, {after[i].ResidentBytes / 1048576.0:F0} MiB resident, {sent[i].FailedRequests} requests refused");
            }

            var apis = instances.Select(i => i.Select(system => new PromApiClient(system.BaseAddress)).ToArray()).ToArray();
            try
            {
                var counts = await CountStoredAsync(instances, apis, encoded, cancellationToken);
                await SettleAsync(servers, http, cancellationToken);
                await ServeUntimedQueriesAsync(apis, encoded, cancellationToken);
                var residentReadings = await resident.StopAsync();
                var queries = await TimeQueriesAsync(instances, apis, http, encoded, cancellationToken);
                var medianResident = residentReadings.Select(readings => Percentiles.Of(readings, 50)).ToArray();
                for (int i = 0; i < all.Count; i++)
                {
                    var readings = residentReadings[i];
                    progress.WriteLine($"  {Describe(all[i].Server, all[i].Instance)}: resident since the ingest, {readings.Count} readings: " +
                                       $"least {readings.Min() / 1048576.0:F0} MiB, median {medianResident[i] / 1048576.0:F0} MiB, most {readings.Max() / 1048576.0:F0} MiB");
                }

                var ingests = create.Select(_ => new List<IngestMeasurement>()).ToArray();
                for (int i = 0; i < all.Count; i++)
                    ingests[all[i].System].Add(new IngestMeasurement(sent[i], before[i], after[i], warmUpSent?[i], medianResident[i]));
                var results = new SystemResult[instances.Length];
                for (int s = 0; s < instances.Length; s++)
                    results[s] = new SystemResult(instances[s][0].Name, encoded, ingests[s], counts[s], await MeasureDiskAsync(instances[s][^1], http, cancellationToken), queries[s]);
                return results;
            }
            finally
            {
                foreach (var api in apis.SelectMany(a => a)) api.Dispose();
            }
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

    /// <summary>
    /// Every instance must have stored everything; per system, the last instance's counts, or the first shortfall. Called once
    /// every instance has finished its ingest (<see cref="SystemUnderTest.FinishIngestAsync"/>), which made all of it visible.
    /// </summary>
    private async Task<StoredCounts[]> CountStoredAsync(List<SystemUnderTest>[] instances, PromApiClient[][] apis,
        EncodedWorkload encoded, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.StartNew();
        var counts = new StoredCounts[instances.Length];
        for (int s = 0; s < instances.Length; s++)
        {
            for (int i = 0; i < instances[s].Count; i++)
            {
                var stored = await StoredCounts.QueryAsync(apis[s][i], encoded, cancellationToken);
                progress.WriteLine($"  {instances[s][i].Name} (instance {i + 1}): stored {stored}");
                if (counts[s] is null || counts[s].Matches(encoded)) counts[s] = stored;
            }
        }
        progress.WriteLine($"  counted in {phase.Elapsed.TotalSeconds:F1} s");
        return counts;
    }

    /// <summary>Every instance finishes its background work before queries and disk (<see cref="SystemUnderTest.SettleAsync"/>).</summary>
    private async Task SettleAsync(IReadOnlyList<SystemUnderTest> servers, HttpClient http, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.StartNew();
        foreach (var server in servers) await server.SettleAsync(http, cancellationToken);
        progress.WriteLine($"  settled in {phase.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// The dashboard queries as the timed rounds send them, untimed and with no collection asked for: they pay for code
    /// compiled on first call and caches filling, and they end the span over which resident memory is read, so that it
    /// shows each system serving queries with its collector left to itself.
    /// </summary>
    private async Task ServeUntimedQueriesAsync(PromApiClient[][] apis, EncodedWorkload encoded, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.StartNew();
        var untimed = await QueryLoad.RunAsync(apis, DashboardQuery.Overview, encoded.StartMs, encoded.EndMs, queryWarmups, cancellationToken,
            minimumDuration: UntimedQueryDuration);
        progress.WriteLine($"  queries: {untimed[0][0].Rounds} untimed rounds in {phase.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The dashboard queries, interleaved (<see cref="QueryLoad"/>); each query starts with the answering instance's collector run to completion.</summary>
    private async Task<IReadOnlyList<QueryLatency>[]> TimeQueriesAsync(List<SystemUnderTest>[] instances, PromApiClient[][] apis, HttpClient http,
        EncodedWorkload encoded, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.StartNew();
        var collecting = new Stopwatch();
        // In the order QueryLoad numbers the instances: system by system.
        var servers = instances.SelectMany(i => i).ToArray();
        async Task CollectGarbage(int instance, CancellationToken token)
        {
            collecting.Start();
            await servers[instance].CollectGarbageAsync(http, token);
            collecting.Stop();
        }
        var queries = await QueryLoad.RunAsync(apis, DashboardQuery.Overview, encoded.StartMs, encoded.EndMs, queryRepetitions, cancellationToken,
            minimumDuration: queryMinimumDuration, beforeEachQuery: CollectGarbage);
        progress.WriteLine($"  queries: {queries[0][0].Rounds} timed rounds in {phase.Elapsed.TotalSeconds:F1} s, {collecting.Elapsed.TotalSeconds:F1} s of it collecting garbage");
        for (int q = 0; q < DashboardQuery.Overview.Count; q++)
        {
            progress.WriteLine($"  query {DashboardQuery.Overview[q].Name}, ms per round (mean over instances): " + string.Join("; ",
                queries.Select((system, s) => $"{instances[s][0].Name} " + string.Join(" ", system[q].RoundLatencies.Select(l => l.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture))))));
        }
        return queries;
    }

    /// <summary>The disk of a system's last instance, which stops it.</summary>
    private async Task<PersistedSize> MeasureDiskAsync(SystemUnderTest system, HttpClient http, CancellationToken cancellationToken)
    {
        var disk = system.MeasuresDiskWhenStopped ? null : await system.PersistedSizeAsync(http, cancellationToken);
        await system.StopAsync();
        disk ??= await system.PersistedSizeAsync(http, cancellationToken);
        progress.WriteLine($"  {system.Name}: {disk.Bytes:N0} bytes on disk");
        return disk;
    }
}
