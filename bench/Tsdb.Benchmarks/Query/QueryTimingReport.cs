using System.Diagnostics;
using Tsdb.Query.Engine;

namespace Tsdb.Benchmarks.Query;

/// <summary>
/// The dashboard queries of <see cref="QueryBenchmarks"/> timed by process CPU time (median of many runs after
/// warm-up): a quick before/after figure on a shared machine, where CPU time is steadier than wall time.
/// Run it pinned to one core (<c>taskset -c 1</c>) so its figures compare with single-core servers.
/// </summary>
internal static class QueryTimingReport
{
    public const string Command = "query-timing";

    public static void Run(TextWriter output, int runs)
    {
        var engine = new PromQLEngine(new EngineOptions());
        using var head = QueryBenchmarks.Load();
        output.WriteLine($"{"query",-20} {"step",5} {"median CPU ms",14} {"median wall ms",15} {"least CPU ms",13}");
        foreach (var query in Enum.GetValues<QueryBenchmarks.Dashboard>())
        {
            foreach (int step in new[] { 15, 60 })
            {
                var expression = QueryBenchmarks.Expression(query);
                var cpu = new List<double>();
                var wall = new List<double>();
                for (int i = 0; i < runs + 3; i++)
                {
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    long wallBefore = Stopwatch.GetTimestamp();
                    engine.Range(head, expression, QueryBenchmarks.QueryStartMs, QueryBenchmarks.QueryEndMs, step * 1000L, CancellationToken.None);
                    if (i < 3) continue;
                    wall.Add(Stopwatch.GetElapsedTime(wallBefore).TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
                output.WriteLine($"{query,-20} {step + "s",5} {Median(cpu),14:F1} {Median(wall),15:F1} {cpu.Min(),13:F1}");
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
