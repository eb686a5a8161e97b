namespace Tsdb.Load.Queries;

/// <summary>The dashboard queries against a system that is already running, over the last minutes up to now.</summary>
public static class QueryCommand
{
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        var url = new Uri(args.String("url", "http://127.0.0.1:9090/"));
        int minutes = args.Int("minutes", 60);
        int repetitions = args.Int("repetitions", 5);
        args.RejectUnknown();
        if (minutes <= 0) throw new ArgumentException($"--minutes must be positive, got {minutes}");
        long end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var api = new PromApiClient(url);
        var latencies = (await QueryLoad.RunAsync([[api]], DashboardQuery.Overview, end - minutes * 60_000L, end, repetitions, cancellationToken))[0];
        Console.WriteLine("| query | series | median (ms) | p90 (ms) |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var l in latencies)
            Console.WriteLine($"| {l.Query.Name} | {l.Series} | {l.Median.TotalMilliseconds:F1} | {l.P90.TotalMilliseconds:F1} |");
        return 0;
    }
}
