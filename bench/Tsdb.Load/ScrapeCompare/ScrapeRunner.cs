using System.Diagnostics;
using Tsdb.Load.Queries;
using Tsdb.Load.Systems;

namespace Tsdb.Load.ScrapeCompare;

/// <summary>
/// Measures one system scraping the fleet: start it fresh on the shared prometheus.yml, let it warm up (first
/// scrapes create the series), read its CPU time over a fixed window, then ask it what it scraped in that
/// window and stop it.
/// </summary>
public sealed class ScrapeRunner(TextWriter progress, ScrapeSetup setup)
{
    public async Task<ScrapeResult> RunAsync(SystemUnderTest system, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await system.StartAsync(http, cancellationToken);
        progress.WriteLine($"  {system.Name}: ready on {system.BaseAddress}, pid {system.ProcessId}, core {system.Core}; warming up {setup.WarmUp.TotalSeconds:F0} s");
        await Task.Delay(setup.WarmUp, cancellationToken);

        var before = ProcessStats.Read(system.ProcessId);
        var clock = Stopwatch.StartNew();
        await Task.Delay(setup.Window, cancellationToken);
        var after = ProcessStats.Read(system.ProcessId);
        var elapsed = clock.Elapsed;
        long endMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // Scrapes stamped before the window's end may still be in flight: let them land before counting.
        await Task.Delay(setup.Interval + TimeSpan.FromSeconds(1), cancellationToken);
        await system.FlushAsync(http, cancellationToken);
        using var api = new PromApiClient(system.BaseAddress);
        var counts = await ScrapeCounts.QueryAsync(api, setup.Window, endMs, cancellationToken);
        await system.StopAsync();

        var result = new ScrapeResult(system.Name, after.CpuTime - before.CpuTime, elapsed, counts, after.ResidentBytes,
            counts.Problem(setup.Targets, setup.SeriesPerTarget, setup.Window, setup.Interval));
        progress.WriteLine($"  {system.Name}: {counts}; CPU {result.Cpu.TotalSeconds:F2} s ({result.CoreShare:P0} of a core), " +
            $"{result.CpuSecondsPerMillionSamples:F3} CPU s per million samples{(result.Passed ? "" : $"; FAILED: {result.Problem}")}");
        return result;
    }
}
