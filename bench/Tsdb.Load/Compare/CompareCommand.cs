using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Compare;

/// <summary>
/// Ours, Prometheus and VictoriaMetrics in turn on the same pre-encoded workloads, each system alone on core 1
/// and this generator on core 0; prints one table per workload and run and writes them to docs/benchmarks.md.
/// </summary>
public static class CompareCommand
{
    public const string Heading = "## End-to-end comparison with Prometheus and VictoriaMetrics (bench/Tsdb.Load)";
    private const int SystemCore = 1;
    private const int GeneratorCore = 0;

    /// <summary>
    /// The nice value of the systems and of this generator: on a machine shared with other work, which is not pinned
    /// away from their cores, that work would otherwise take turns with them and add its waits to their CPU times and
    /// query latencies, more to short queries than to long ones.
    /// </summary>
    private const int Niceness = -10;

    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        int runs = args.Int("runs", 2);
        int instances = args.Int("instances", 1);
        int repetitions = args.Int("query-repetitions", 30);
        int queryWarmups = args.Int("query-warmups", 2);
        var querySeconds = TimeSpan.FromSeconds(args.Int("query-seconds", 25));
        bool warmUp = args.Int("warm-up", 1) != 0;
        int concurrency = args.Int("concurrency", 4);
        int samplesPerRequest = args.Int("samples-per-request", 2000);
        double scale = args.Double("scale", 1);
        string? chosenExecutable = OurServer.ChosenExecutable(args);
        string doc = args.String("doc", scale == 1 ? Path.Combine(Machine.RepositoryRoot(), "docs", "benchmarks.md") : "");
        args.RejectUnknown();
        if (runs <= 0) throw new ArgumentException($"--runs must be positive, got {runs}");
        if (queryWarmups <= 0) throw new ArgumentException($"--query-warmups must be at least 1 (resident memory is read over the untimed rounds), got {queryWarmups}");
        if (querySeconds < TimeSpan.Zero) throw new ArgumentException($"--query-seconds cannot be negative, got {querySeconds.TotalSeconds}");
        string executable = OurServer.Resolve(chosenExecutable);

        WriteWorkload[] workloads =
        [
            new("a", (int)(10_000 * scale), 240, samplesPerRequest, concurrency),
            new("b", (int)(100_000 * scale), 40, samplesPerRequest, concurrency),
        ];
        foreach (var w in workloads) w.Validate();
        Machine.PinToCore(Environment.ProcessId, GeneratorCore);
        bool prioritised = Machine.TrySetNiceness(Environment.ProcessId, Niceness);
        if (!prioritised) Console.WriteLine($"could not set nice {Niceness}: the systems and the generator run at the default priority");

        var total = Stopwatch.StartNew();
        // Encoded once for all runs, so that every run sends the same bytes and only the first pays for encoding.
        long endMs = BlockAlignedEnd.Before(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), workloads.Max(w => w.IntervalSeconds));
        var loads = workloads.Select(workload =>
        {
            var encodeTime = Stopwatch.StartNew();
            var encoded = RequestEncoder.Encode(workload, endMs);
            var warmUpLoad = warmUp ? WarmUp.Encode(encoded) : null;
            Console.WriteLine($"workload {workload.Name}: {workload}; {encoded.Requests} requests, {encoded.Bytes / 1048576.0:F1} MiB encoded in {encodeTime.Elapsed.TotalSeconds:F1} s");
            if (encoded.EndMs - (warmUpLoad ?? encoded).StartMs >= BlockAlignedEnd.Span.TotalMilliseconds)
                throw new ArgumentException($"workload {workload.Name} and its warm-up span more than the {BlockAlignedEnd.Span} before their aligned end");
            return (Encoded: encoded, WarmUp: warmUpLoad);
        }).ToArray();
        var runner = new CompareRunner(Console.Out, instances, repetitions, queryWarmups, querySeconds);
        var results = new List<(int Run, WriteWorkload Workload, SystemResult[] Results)>();
        for (int run = 1; run <= runs; run++)
        {
            foreach (var (encoded, warmUpLoad) in loads)
            {
                Console.WriteLine($"run {run}, workload {encoded.Workload.Name}");
                var perSystem = await runner.RunAsync(
                    [
                        () => new OurServer(SystemCore, executable) { Niceness = Niceness },
                        () => new PrometheusServer(SystemCore) { Niceness = Niceness },
                        () => new VictoriaMetricsServer(SystemCore) { Niceness = Niceness },
                    ],
                    encoded, warmUpLoad, cancellationToken);
                results.Add((run, encoded.Workload, perSystem));
                Console.WriteLine();
                Console.WriteLine(ComparisonTable.Render(perSystem));
            }
        }

        string report = Report(results, OurServer.Describe(executable), total.Elapsed, warmUp, prioritised, instances, repetitions, querySeconds, queryWarmups);
        Console.WriteLine(report);
        if (doc.Length > 0)
        {
            BenchmarksDocument.WriteSection(doc, Heading, report);
            Console.WriteLine($"wrote the section \"{Heading}\" of {doc}");
        }
        return results.All(r => r.Results.All(s => s.Passed)) ? 0 : 1;
    }

    private static string Report(List<(int Run, WriteWorkload Workload, SystemResult[] Results)> results, string ours, TimeSpan elapsed,
        bool warmUp, bool prioritised, int instances, int queryRepetitions, TimeSpan querySeconds, int queryWarmups)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Produced by `dotnet run -c Release --project bench/Tsdb.Load -- compare`, which runs each system on a fresh temporary");
        sb.AppendLine("data directory pinned to core 1 (`taskset -c 1`), with the load generator pinned to core 0, sends the same remote");
        sb.AppendLine("write requests (protobuf + snappy, encoded before timing starts; node exporter and HTTP service label shapes mixed;");
        sb.AppendLine("one sample per series per round, 15 s apart, every run the same bytes; the rounds end just before the latest");
        sb.AppendLine("multiple of two hours UTC, where Prometheus cuts its blocks, so that the disk figures do not depend on the time of day),");
        sb.AppendLine("measures the process's CPU time and memory from /proc, then checks by count that every sample was stored (a system");
        sb.AppendLine("that stored fewer is FAILED, with no ratio), times dashboard range queries over the ingested range at a 60 s step");
        sb.AppendLine("and measures its bytes on disk.");
        sb.AppendLine("Ratios are ours / other: below 1 is better for ours except for samples per CPU-second.");
        sb.AppendLine("Ours is measured as it is deployed, published afresh by the tool (`dotnet publish -c Release src/Tsdb.Server`:");
        sb.AppendLine("self-contained and trimmed, docs/operations.md), as the others are their packaged executables.");
        sb.AppendLine();
        sb.AppendLine(prioritised
            ? $"The systems and the load generator run at nice {Niceness}, all alike: other work on the shared machine, which is not pinned away from core 1, yields to them instead of adding its waits to their CPU times and query latencies (more to short queries than to long ones)."
            : $"The systems and the load generator run at the default priority: setting nice {Niceness} was refused.");
        sb.AppendLine();
        sb.AppendLine("Both kinds of figure are taken so that the noise of a shared machine cancels out rather than lands on one system:");
        sb.AppendLine(instances == 1
            ? "- Ingest: one fresh instance of each system is started, all on core 1, and they stay up. They receive the"
            : $"- Ingest: {instances} fresh instances of each system are started, all on core 1, and stay up. They receive the");
        sb.AppendLine("  workload round by round: each round's requests go to every instance in turn, the first one changing from round to");
        sb.AppendLine("  round, so each instance's CPU time, read before the first round and after the last, covers the same moments of");
        sb.AppendLine("  the machine (its own idle moments too, while the others ingest). It is read once the work the ingest set off has");
        sb.AppendLine("  ended (VictoriaMetrics writes out the rows it buffers and finishes its merges), so that it holds all of that work");
        sb.AppendLine("  rather than whatever part of it came before the reading. Every instance must store every sample.");
        sb.AppendLine("  Wall-clock ingest times mean little when the instances take turns and are only in the tool's log.");
        if (instances == 1)
        {
            sb.AppendLine("  `--instances 2` starts two of each and gives the one with the least CPU time, but makes the comparison take about");
            sb.AppendLine("  four minutes longer: the two instances of one system measured within 1-4% of each other, while the same system");
            sb.AppendLine("  moved by up to 17% between two runs minutes apart, so the second instance bought little agreement.");
        }
        else
        {
            sb.AppendLine("  The table gives the instance with the least CPU time: interference only ever adds to it.");
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Resident memory after ingest: read every {Systems.ResidentMemorySampler.Interval.TotalMilliseconds:F0} ms, for every system alike, from the end of the ingest to the end of");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  the untimed query rounds (the counts, the settling and at least {queryWarmups} rounds and {CompareRunner.UntimedQueryDuration.TotalSeconds:F0} s of the dashboard queries),");
        sb.AppendLine("  before any collection is asked for; per instance the median reading, and the table gives the mean over the instances.");
        sb.AppendLine("  A single reading catches a garbage-collected process at a random point of its collector's cycle (a Go heap is held");
        sb.AppendLine("  at up to twice its live size until collected and returned to the kernel), so that two runs read Prometheus a fifth");
        sb.AppendLine("  apart; over the counts and queries every collector runs, and the median reading is the memory the system holds its");
        sb.AppendLine("  data in while it serves. The timed rounds come after: the collections they ask for before every query shrink the");
        sb.AppendLine("  Go heaps, which would make the readings depend on how far each run got. The peak (/proc's VmHWM after the ingest,");
        sb.AppendLine("  mean over the instances) is shown without a ratio: it is the one moment a collector let the heap grow most, and");
        sb.AppendLine("  ours read 160 and 177 MiB in two runs of the same load.");
        sb.AppendLine("- Settling: after the counts and before the queries, every instance finishes the background work ingest left");
        sb.AppendLine("  behind. Only VictoriaMetrics has such work: it merges the parts it flushed at moments that differ from run to run,");
        sb.AppendLine("  so that queries and snapshots would meet differently many parts. It gets `/internal/force_merge` (every partition), and");
        sb.AppendLine("  the tool waits until its /metrics shows no forced or background merge active. Prometheus compacts its head only");
        sb.AppendLine("  once it spans three hours, less than two are ingested, and ours only appends to its log: neither has work pending.");
        sb.AppendLine("- Queries: each round sends every query to every instance in turn, the first one changing from query to query and");
        sb.AppendLine("  the queries' order shuffled afresh every round, so that a slow moment of the machine weighs on all systems alike");
        sb.AppendLine("  and each query follows every other in turn (rotated, the same query followed a heavy allocator in every round and");
        sb.AppendLine("  took the collections it set off round after round in one run, another query in the next).");
        sb.AppendLine("  Every query sent to Prometheus or VictoriaMetrics is preceded, untimed, by a full garbage collection in the");
        sb.AppendLine("  instance about to answer it (`/debug/pprof/heap?gc=1`). Their Go heaps at 100k series are collected every few");
        sb.AppendLine("  queries, and a collection under way during a timed query takes it two to four times as long on one core: with");
        sb.AppendLine("  a collection only at the start of each round, Prometheus took 133 to 559 ms for the same query from round to round,");
        sb.AppendLine("  and query ratios moved by up to 17% between two runs. From a freshly collected heap each run of a query does the");
        sb.AppendLine("  same work. This leaves their collections' cost out of their latencies, whereas ours offers no such request and is");
        sb.AppendLine("  not collected: the query ratios are conservative for ours.");
        sb.AppendLine("  A round's latency for a system is the mean over its instances, which evens out the state one instance happens to");
        sb.AppendLine("  be in (a garbage collection falling on the same query every round); the table gives the median over the rounds.");
        sb.AppendLine("  The ratio of a query row is not the ratio of the two medians shown but the mid-mean (the mean of the middle half)");
        sb.AppendLine("  over the rounds of the ratio within each round: both systems were timed seconds apart, so a slow moment cancels");
        sb.AppendLine("  out of that round's ratio. A mid-mean rather than a median because a collection that slows a query in some rounds");
        sb.AppendLine("  and not in others splits the rounds into two groups, and a median of a dozen or two jumps between them.");
        sb.AppendLine("  Disk is measured on each system's last instance.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, {Machine.CpuModel()}; whole comparison took {elapsed.TotalMinutes:F1} min.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Systems: ours ({ours}), Prometheus {Machine.PackageVersion("prometheus")}, VictoriaMetrics {Machine.PackageVersion("victoria-metrics")} (Debian packages).");
        sb.AppendLine("- Prometheus: empty scrape config, `--web.enable-remote-write-receiver --web.enable-admin-api`; disk = a snapshot, which compacts the head into a block (chunks + index).");
        sb.AppendLine("- VictoriaMetrics: `-search.latencyOffset=0s` (else the newest 30 s stay hidden) and `-search.disableCache` (the others cache no query results); disk = `/internal/force_flush` then a snapshot (data + index parts), after the forced merge.");
        sb.AppendLine("- Ours: disk = the data directory after a clean stop, which so far is only the write-ahead log: per sample a varint series-ref delta, a varint timestamp delta and 8 raw value bytes, not Gorilla-compressed.");
        sb.AppendLine(warmUp
            ? $"- Warm-up: after start-up and before measuring, every system receives {WarmUp.Series:N0} series x {WarmUp.Rounds} samples of its own (instance labels starting `{WarmUp.InstancePrefix}`, same request size and concurrency), ending {WarmUp.Gap.TotalMinutes} min before the measured load's first round, so that the measured load does not pay for connection set-up, code compiled on first call and pools filling. The counts and queries never see those samples; resident memory includes their series."
            : "- Warm-up: none (`--warm-up 0`).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Query latency: from at least {queryRepetitions} interleaved rounds that go on for at least {querySeconds.TotalSeconds} s (so fast queries get more rounds; at most {Queries.QueryLoad.MaxRoundsPerMinimumRound * queryRepetitions}), after the untimed rounds above.");
        sb.AppendLine("- Queries: " + string.Join("; ", Queries.DashboardQuery.Overview.Select(q => $"{q.Name}: `{q.Expression}`")) + ".");
        foreach (var (run, workload, systems) in results)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"### Run {run}, workload {workload.Name}: {workload}");
            sb.AppendLine();
            sb.Append(ComparisonTable.Render(systems));
        }
        if (results.Select(r => r.Run).Distinct().Count() > 1) sb.Append(Agreement(results));
        return sb.ToString();
    }

    /// <summary>How far each ratio moved between runs: the spread (max/min - 1) per workload and row.</summary>
    private static string Agreement(List<(int Run, WriteWorkload Workload, SystemResult[] Results)> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("### Agreement between runs");
        sb.AppendLine();
        sb.AppendLine("Spread of each ratio across the runs (largest / smallest - 1).");
        sb.AppendLine();
        foreach (var group in results.GroupBy(r => r.Workload.Name))
        {
            var first = group.First().Results;
            for (int other = 1; other < first.Length; other++)
            {
                sb.AppendLine($"| workload {group.Key}: {first[0].System} / {first[other].System} | " +
                    string.Join(" | ", group.Select(g => $"run {g.Run}")) + " | spread |");
                sb.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", group.Count() + 1)));
                var perRun = group.Select(g => ComparisonTable.Ratios(g.Results[0], g.Results[other])).ToArray();
                for (int row = 0; row < perRun[0].Count; row++)
                {
                    var values = perRun.Select(p => row < p.Count ? p[row].Ratio : null).ToArray();
                    if (values.All(v => v is null)) continue;
                    string spread = values.All(v => v is > 0) ? $"{(values.Max()!.Value / values.Min()!.Value - 1) * 100:F1} %" : "n/a";
                    sb.AppendLine($"| {perRun[0][row].Label} | " +
                        string.Join(" | ", values.Select(v => v is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "n/a")) + $" | {spread} |");
                }
                sb.AppendLine();
            }
        }
        return sb.ToString();
    }
}
