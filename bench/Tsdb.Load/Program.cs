using Tsdb.Load;
using Tsdb.Load.Compare;
using Tsdb.Load.Exporters;
using Tsdb.Load.Queries;
using Tsdb.Load.QueryCompare;
using Tsdb.Load.ScrapeCompare;
using Tsdb.Load.Sending;

const string Usage = """
    usage: Tsdb.Load <command> [--option value ...]

    commands:
      compare    ours, Prometheus and VictoriaMetrics on workloads a (10k series x 240) and b (100k series x 40)
                 --runs 2  --instances 1 (per system)  --query-repetitions 30 (rounds at least)  --query-seconds 25 (and at least)
                 --query-warmups 2  --concurrency 4  --samples-per-request 2000
                 --warm-up 1 (0: no warm-up load before measuring)
                 --scale 1 (multiplies the series counts; other than 1 the docs are left alone)  --doc docs/benchmarks.md
                 --server PATH (the tsdb executable to measure as ours, e.g. a native build; default the server published afresh: dotnet publish -c Release, self-contained and trimmed)
      query-compare  latency of rate, sum by instance and histogram_quantile (15 s and 60 s steps) against Prometheus and
                 VictoriaMetrics over ~10k counters and their histograms  --counters 10000  --warm-up 3  --runs 15  --doc docs/benchmarks.md
                 --baseline-server PATH (an older tsdb executable, measured too as "ours before")  --server PATH (as for compare)
      write      remote write load against a running system
                 --url http://127.0.0.1:9090/api/v1/write  --series 10000  --rounds 240  --samples-per-request 2000
                 --concurrency 4  --churn 0 (percent of series replaced per round)
      query      dashboard range queries against a running system over the last hour, at a 60 s step
                 --url http://127.0.0.1:9090/  --minutes 60  --repetitions 5
      exporters  fake exporters to scrape: N targets of M series on consecutive loopback ports
                 --targets 10  --series 1000  --port 19100  --seconds 600
      scrape-compare  CPU per million scraped samples: ours, Prometheus and VictoriaMetrics scraping the same fake exporters
                 --targets 50  --series 2000  --interval 2 (s)  --warmup 20 (s)  --seconds 60 (measured)  --runs 2
                 --systems ours,prometheus,victoriametrics  --doc docs/benchmarks.md ("" to leave it alone)  --server PATH (as for compare)
    """;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    var args2 = new CommandLine(args);
    return args2.Command switch
    {
        "compare" => await CompareCommand.RunAsync(args2, cancel.Token),
        "query-compare" => await QueryCompareCommand.RunAsync(args2, cancel.Token),
        "write" => await WriteCommand.RunAsync(args2, cancel.Token),
        "query" => await QueryCommand.RunAsync(args2, cancel.Token),
        "exporters" => await ExportersCommand.RunAsync(args2, cancel.Token),
        "scrape-compare" => await ScrapeCompareCommand.RunAsync(args2, cancel.Token),
        _ => ShowUsage(args2.Command),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"Tsdb.Load: {e.Message}");
    return 2;
}

int ShowUsage(string command)
{
    if (command is not ("" or "help" or "--help" or "-h")) Console.Error.WriteLine($"Tsdb.Load: unknown command \"{command}\"");
    Console.WriteLine(Usage);
    return command is "" or "help" or "--help" or "-h" ? 0 : 2;
}
