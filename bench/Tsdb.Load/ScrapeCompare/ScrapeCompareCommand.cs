using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tsdb.Load.Compare;
using Tsdb.Load.Systems;

namespace Tsdb.Load.ScrapeCompare;

/// <summary>
/// Ours, Prometheus and VictoriaMetrics in turn scraping the same fake exporters with the same prometheus.yml,
/// each system alone on core 1 and the exporters (this process) on core 0; reports CPU seconds per million
/// scraped samples and writes the tables to docs/benchmarks.md.
/// </summary>
public static class ScrapeCompareCommand
{
    public const string Heading = "## Scrape CPU per sample against Prometheus and VictoriaMetrics (bench/Tsdb.Load scrape-compare)";
    private const int SystemCore = 1;
    private const int ExporterCore = 0;

    private static readonly string[] AllSystems = ["ours", "prometheus", "victoriametrics"];

    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        var setup = new ScrapeSetup(
            args.Int("targets", 50),
            args.Int("series", 2000),
            TimeSpan.FromSeconds(args.Double("interval", 2)),
            TimeSpan.FromSeconds(args.Double("warmup", 20)),
            TimeSpan.FromSeconds(args.Int("seconds", 60)));
        int runs = args.Int("runs", 2);
        var systems = args.String("systems", string.Join(',', AllSystems)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? chosenExecutable = OurServer.ChosenExecutable(args);
        string doc = args.String("doc", Path.Combine(Machine.RepositoryRoot(), "docs", "benchmarks.md"));
        args.RejectUnknown();
        setup.Validate();
        if (runs <= 0) throw new ArgumentException($"--runs must be positive, got {runs}");
        if (systems.Length == 0 || systems[0] != "ours" || systems.Any(s => !AllSystems.Contains(s)))
            throw new ArgumentException($"--systems must start with ours and name only {string.Join(", ", AllSystems)}");
        string executable = OurServer.Resolve(chosenExecutable);

        Machine.PinToCore(Environment.ProcessId, ExporterCore);
        var total = Stopwatch.StartNew();
        await using var fleet = await ExporterFleet.StartAsync(setup.Targets, setup.SeriesPerTarget, cancellationToken);
        var configDirectory = Directory.CreateTempSubdirectory("tsdb-scrape-compare-");
        try
        {
            string config = ScrapeConfigFile.Write(configDirectory.FullName, fleet.Targets, setup.Interval);
            Console.WriteLine($"{setup}; exporters on 127.0.0.1:{fleet.Ports.Min()}-{fleet.Ports.Max()}, config {config}");
            var runner = new ScrapeRunner(Console.Out, setup);
            var results = new List<ScrapeResult[]>();
            for (int run = 1; run <= runs; run++)
            {
                Console.WriteLine($"run {run}:");
                var perSystem = new List<ScrapeResult>();
                foreach (var name in systems)
                {
                    await using var system = Create(name, executable, config);
                    perSystem.Add(await runner.RunAsync(system, cancellationToken));
                }
                results.Add(perSystem.ToArray());
                Console.WriteLine();
                Console.WriteLine(ScrapeComparisonTable.Render(perSystem));
            }

            string report = Report(setup, results, OurServer.Describe(executable), total.Elapsed);
            Console.WriteLine(report);
            if (doc.Length > 0)
            {
                BenchmarksDocument.WriteSection(doc, Heading, report);
                Console.WriteLine($"wrote the section \"{Heading}\" of {doc}");
            }
            return results.All(r => r.All(s => s.Passed)) ? 0 : 1;
        }
        finally
        {
            configDirectory.Delete(recursive: true);
        }
    }

    private static SystemUnderTest Create(string name, string executable, string config) => name switch
    {
        "ours" => new OurServer(SystemCore, executable) { ScrapeConfigFile = config },
        "prometheus" => new PrometheusServer(SystemCore) { ScrapeConfigFile = config },
        "victoriametrics" => new VictoriaMetricsServer(SystemCore) { ScrapeConfigFile = config },
        _ => throw new ArgumentException($"unknown system {name}"),
    };

    private static string Report(ScrapeSetup setup, List<ScrapeResult[]> results, string ours, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Produced by `dotnet run -c Release --project bench/Tsdb.Load -- scrape-compare`, which serves fake exporters");
        sb.AppendLine("from the load tool pinned to core 0 (node exporter and HTTP service series, values moving on every scrape, text");
        sb.AppendLine("format, uncompressed), then starts each system in turn on a fresh data directory pinned to core 1 with the same");
        sb.AppendLine("prometheus.yml scraping every exporter. After a warm-up (the first scrapes create the series) it reads the process's");
        sb.AppendLine("CPU time (utime + stime from /proc) over a fixed window, then asks the system itself, with the same PromQL, what it");
        sb.AppendLine("scraped in that window: `count(up)`, `count_over_time(up[w])`, `sum_over_time(up[w])` and");
        sb.AppendLine("`sum_over_time(scrape_samples_scraped[w])` for the job. A system with a target unknown or down, a target scraped");
        sb.AppendLine("less often than the interval asks (one scrape of slack), or samples that are not whole pages is FAILED, with no");
        sb.AppendLine("ratio. Ratios are ours / other: below 1 is better for ours. Target: ours / Prometheus at most 0.5.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, {Machine.CpuModel()}; whole comparison took {elapsed.TotalMinutes:F1} min.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Systems: ours ({ours}), Prometheus {Machine.PackageVersion("prometheus")}, VictoriaMetrics {Machine.PackageVersion("victoria-metrics")} (Debian packages, `-promscrape.config`).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Workload: {setup}.");
        for (int run = 0; run < results.Count; run++)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"### Run {run + 1}");
            sb.AppendLine();
            sb.Append(ScrapeComparisonTable.Render(results[run]));
        }
        sb.AppendLine();
        sb.AppendLine("### CPU per scraped sample across runs");
        sb.AppendLine();
        var names = results[0].Select(r => r.System).ToArray();
        sb.AppendLine("| ratio | " + string.Join(" | ", results.Select((_, i) => $"run {i + 1}")) + " | median |");
        sb.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", results.Count + 1)));
        for (int other = 1; other < names.Length; other++)
        {
            var ratios = results.Select(r => ScrapeComparisonTable.CpuPerSampleRatio(r[0], r[other])).ToArray();
            var valid = ratios.Where(r => r is not null).Select(r => r!.Value).Order().ToArray();
            string median = valid.Length == 0 ? "n/a" : Median(valid).ToString("F2", CultureInfo.InvariantCulture);
            sb.AppendLine($"| {names[0]} / {names[other]} | " +
                string.Join(" | ", ratios.Select(r => r is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "failed")) + $" | {median} |");
        }
        return sb.ToString();
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
