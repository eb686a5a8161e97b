using System.Diagnostics;
using System.Globalization;
using Tsdb.Scrape.Parsing;

namespace Tsdb.Server.SelfMetrics;

/// <summary>
/// The process metrics every Prometheus client exposes (CPU time, memory, file descriptors, start time),
/// under the same names, so that the usual "process" dashboard panels and alerts work against this server.
/// Read from the kernel each time /metrics is rendered.
/// </summary>
public static class ProcessMetrics
{
    public static void Register(MetricsRegistry registry)
    {
        var self = Process.GetCurrentProcess();
        double startTime = new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        registry.Register(new ObservedMetric("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
            MetricType.Counter, () => Refreshed(self).TotalProcessorTime.TotalSeconds));
        registry.Register(new ObservedMetric("process_resident_memory_bytes", "Resident memory size in bytes.",
            MetricType.Gauge, () => Refreshed(self).WorkingSet64));
        registry.Register(new ObservedMetric("process_virtual_memory_bytes", "Virtual memory size in bytes.",
            MetricType.Gauge, () => Refreshed(self).VirtualMemorySize64));
        registry.Register(new ObservedMetric("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
            MetricType.Gauge, () => startTime));
        registry.Register(new ObservedMetric("process_open_fds", "Number of open file descriptors.",
            MetricType.Gauge, () => Directory.GetFileSystemEntries("/proc/self/fd").Length));
        registry.Register(new ObservedMetric("process_max_fds", "Maximum number of open file descriptors.",
            MetricType.Gauge, MaxOpenFiles));
    }

    private static Process Refreshed(Process process)
    {
        process.Refresh();
        return process;
    }

    /// <summary>The soft limit on open files, from /proc/self/limits ("Max open files  soft  hard  files").</summary>
    private static double MaxOpenFiles()
    {
        foreach (string line in File.ReadLines("/proc/self/limits"))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
            string soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return soft == "unlimited" ? double.PositiveInfinity : double.Parse(soft, CultureInfo.InvariantCulture);
        }
        return double.NaN;
    }
}
