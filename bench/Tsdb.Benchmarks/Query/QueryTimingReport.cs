using System.Diagnostics;
using System.Runtime.InteropServices;
using Tsdb.Query.Engine;

namespace Tsdb.Benchmarks.Query;

/// <summary>
/// The dashboard queries of <see cref="QueryBenchmarks"/> timed by the evaluating thread's CPU time (median and
/// least of many runs after warm-up): a quick before/after figure on a shared machine, where CPU time is steadier
/// than wall time, and the least is what interference from other processes did not add to.
/// Run it pinned to one core (<c>taskset -c 1</c>) so its figures compare with single-core servers.
/// </summary>
internal static partial class QueryTimingReport
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
                    double cpuBefore = ThreadCpuMilliseconds();
                    long wallBefore = Stopwatch.GetTimestamp();
                    engine.Range(head, expression, QueryBenchmarks.QueryStartMs, QueryBenchmarks.QueryEndMs, step * 1000L, CancellationToken.None);
                    if (i < 3) continue;
                    wall.Add(Stopwatch.GetElapsedTime(wallBefore).TotalMilliseconds);
                    cpu.Add(ThreadCpuMilliseconds() - cpuBefore);
                }
                output.WriteLine($"{query,-20} {step + "s",5} {Median(cpu),14:F1} {Median(wall),15:F1} {cpu.Min(),13:F1}");
            }
        }
    }

    /// <summary>
    /// The calling thread's CPU time, to the nanosecond: the process's total from /proc counts in 10 ms ticks,
    /// a fifth of a fast query.
    /// </summary>
    private static double ThreadCpuMilliseconds()
    {
        const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
        if (ClockGetTime(ThreadCpuClock, out var time) != 0) throw new InvalidOperationException("clock_gettime failed");
        return time.Seconds * 1000.0 + time.Nanoseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
