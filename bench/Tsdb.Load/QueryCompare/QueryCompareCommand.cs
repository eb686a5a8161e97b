using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tsdb.Load.Compare;
using Tsdb.Load.Queries;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.QueryCompare;

/// <summary>
/// Query latency of ours against Prometheus and VictoriaMetrics: the same remote write workload loaded into
/// each (all running at once, pinned to core 1, this tool on core 0), then the target queries timed over the
/// hour it covers at 15 s and 60 s steps, the systems taking turns run by run; prints the table with ratios and
/// writes its section of docs/benchmarks.md.
/// </summary>
public static class QueryCompareCommand
{
    public const string Heading = "## Query latency against Prometheus and VictoriaMetrics (bench/Tsdb.Load query-compare)";
    private const int SystemCore = 1;
    private const int GeneratorCore = 0;

    /// <summary>Series of one node exporter plus one HTTP service instance; each service has 24 request counters.</summary>
    private static int SeriesPerInstancePair => LabelShapes.NodeExporter.Count + LabelShapes.HttpService.Count;

    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        int counters = args.Int("counters", 10_000);
        int warmUp = args.Int("warm-up", 3);
        int runs = args.Int("runs", 15);
        string baseline = args.String("baseline-server", "");
        string? chosenExecutable = OurServer.ChosenExecutable(args);
        string doc = args.String("doc", counters == 10_000 ? Path.Combine(Machine.RepositoryRoot(), "docs", "benchmarks.md") : "");
        args.RejectUnknown();
        if (runs <= 0 || warmUp < 0 || counters <= 0) throw new ArgumentException("--runs and --counters must be positive, --warm-up not negative");
        string executable = OurServer.Resolve(chosenExecutable);

        int countersPerService = LabelShapes.HttpService.Count(s => s.Metric == "http_requests_total");
        int pairs = (counters + countersPerService - 1) / countersPerService;
        var workload = new WriteWorkload("query", pairs * SeriesPerInstancePair, 240);
        workload.Validate();
        Machine.PinToCore(Environment.ProcessId, GeneratorCore);

        var encoded = RequestEncoder.Encode(workload, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Console.WriteLine($"workload: {workload}; {encoded.Requests} requests, {encoded.Bytes / 1048576.0:F1} MiB");
        // The first 5 minutes only feed the first windows, so every step sees full 5 minute windows.
        long startMs = encoded.StartMs + 5 * 60_000, endMs = encoded.EndMs;

        var total = Stopwatch.StartNew();
        var results = new List<(string System, IReadOnlyList<QueryTiming> Timings)>();
        var systems = new List<(string Name, Func<SystemUnderTest> Create)>
        {
            ("ours", () => new OurServer(SystemCore, executable)),
            ("Prometheus", () => new PrometheusServer(SystemCore)),
            ("VictoriaMetrics", () => new VictoriaMetricsServer(SystemCore)),
        };
        // An older build of the server measured in the same run gives before/after figures against the same others.
        if (baseline.Length > 0) systems.Add(("ours before", () => new OurServer(SystemCore, baseline)));
        // Every system holds the data at once, so that each query's runs can alternate between them.
        var started = new List<(string Name, SystemUnderTest System)>();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            foreach (var (name, create) in systems)
            {
                var system = create();
                started.Add((name, system));
                await system.StartAsync(http, cancellationToken);
                var send = await RemoteWriteSender.SendAsync(system.WriteUrl, encoded, cancellationToken);
                // As in compare: VictoriaMetrics merges what it flushed in the background; its queries are timed once
                // that is done, in the state it settles in, not while parts are still being merged.
                await system.SettleAsync(http, cancellationToken);
                Console.WriteLine($"{name}: sent {send.SamplesSent:N0} samples, {send.FailedRequests} requests refused");
            }
            var timings = started.Select(s => new QueryTimings(s.System.BaseAddress, s.System.ProcessId)).ToArray();
            var perSystem = started.Select(_ => new List<QueryTiming>()).ToArray();
            try
            {
                foreach (var query in ComparedQuery.Targets)
                {
                    var series = new int[started.Count];
                    for (int s = 0; s < started.Count; s++)
                    {
                        using var api = new PromApiClient(started[s].System.BaseAddress);
                        series[s] = await api.RangeSeriesCountAsync(query.Expression, startMs, endMs, query.Step, cancellationToken);
                    }
                    var measured = await QueryTimings.MeasureInterleavedAsync(timings, query, startMs, endMs, series, warmUp, runs, cancellationToken);
                    for (int s = 0; s < started.Count; s++)
                    {
                        Console.WriteLine($"  {started[s].Name}: {query}: {series[s]} series, median {measured[s].MedianWall.TotalMilliseconds:F1} ms, CPU {measured[s].CpuPerRun.TotalMilliseconds:F1} ms/run");
                        perSystem[s].Add(measured[s]);
                    }
                }
            }
            finally
            {
                foreach (var t in timings) t.Dispose();
            }
            results.AddRange(started.Select((s, i) => (s.Name, (IReadOnlyList<QueryTiming>)perSystem[i])));
        }
        finally
        {
            foreach (var (_, system) in started) await system.DisposeAsync();
        }

        string report = Report(workload, pairs, results, warmUp, runs, total.Elapsed);
        Console.WriteLine(report);
        if (doc.Length > 0)
        {
            BenchmarksDocument.WriteSection(doc, Heading, report);
            Console.WriteLine($"wrote the section \"{Heading}\" of {doc}");
        }
        return 0;
    }

    private static string Report(WriteWorkload workload, int services, List<(string System, IReadOnlyList<QueryTiming> Timings)> results,
        int warmUp, int runs, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("Produced by `dotnet run -c Release --project bench/Tsdb.Load -- query-compare`: the load tool's remote write workload");
        sb.AppendLine(inv, $"({workload.Series:N0} series, {services} HTTP services with 24 request counters and 4 latency histograms each, one sample");
        sb.AppendLine("per series every 15 s for an hour) is sent to each system, all started fresh and pinned to core 1 (this tool on core 0),");
        sb.AppendLine("and each finishes the background work the ingest left (VictoriaMetrics: a forced merge, as in compare). Then each query");
        sb.AppendLine(inv, $"runs as a range query over the last 55 minutes, {warmUp} warm-up runs on each system, then {runs} timed rounds in which the");
        sb.AppendLine("systems take turns, the first one changing from round to round, so that a slow moment of the machine falls on all alike. Latency");
        sb.AppendLine("is the median wall time of a whole HTTP answer (read, not parsed); CPU is the server process's utime + stime over the");
        sb.AppendLine("timed runs (from /proc) per run. Ratios are ours / other: below 1 means ours is faster; the target is at most 0.5 of the");
        sb.AppendLine("faster of the two.");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; whole run {elapsed.TotalMinutes:F1} min; load average at the end {LoadAverage()}.");
        sb.AppendLine();
        var names = results.Select(r => r.System).ToArray();
        sb.AppendLine("| query | step | series | " + string.Join(" | ", names.Select(n => $"{n} ms")) + " | " +
            string.Join(" | ", names.Select(n => $"{n} CPU ms")) + " | " + string.Join(" | ", names.Skip(1).Select(n => $"ours / {n}")) + " | ours / faster of Prometheus and VictoriaMetrics |");
        sb.AppendLine("| --- | ---: | ---: |" + string.Concat(Enumerable.Repeat(" ---: |", names.Length * 2 + names.Length)));
        for (int q = 0; q < results[0].Timings.Count; q++)
        {
            var row = results.Select(r => r.Timings[q]).ToArray();
            double ours = row[0].MedianWall.TotalMilliseconds;
            double fastest = Math.Min(row[1].MedianWall.TotalMilliseconds, row[2].MedianWall.TotalMilliseconds);
            sb.AppendLine(FormattableString.Invariant($"| `{row[0].Query.Expression}` | {row[0].Query.Step.TotalSeconds:0}s | {row[0].Series} | ") +
                string.Join(" | ", row.Select(t => t.MedianWall.TotalMilliseconds.ToString("F1", inv))) + " | " +
                string.Join(" | ", row.Select(t => t.CpuPerRun.TotalMilliseconds.ToString("F1", inv))) + " | " +
                string.Join(" | ", row.Skip(1).Select(t => (ours / t.MedianWall.TotalMilliseconds).ToString("F2", inv))) + " | " +
                (ours / fastest).ToString("F2", inv) + " |");
        }
        return sb.ToString();
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
