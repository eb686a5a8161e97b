namespace Tsdb.Load.Workload;

/// <summary>
/// The series one instance exposes, shaped like the two most common sources of metrics: a node exporter
/// (per-cpu, per-device, per-filesystem families) and an HTTP service (request counters by method, code
/// and handler; a latency histogram by handler and bucket).
/// </summary>
public static class LabelShapes
{
    private static readonly string[] CpuModes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
    private static readonly string[] NetworkDevices = ["eth0", "eth1", "lo"];
    private static readonly string[] DiskDevices = ["sda", "sdb"];
    private static readonly string[] Handlers = ["/api/items", "/api/orders", "/api/users", "/healthz"];
    private static readonly string[] Methods = ["GET", "POST"];
    private static readonly string[] Codes = ["200", "404", "500"];

    /// <summary>Latency bucket bounds as the Prometheus client libraries default them, with +Inf.</summary>
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, double.PositiveInfinity];

    /// <summary>(device, fstype, mountpoint, share of the size still available): the last is nearly full.</summary>
    private static readonly (string Device, string FsType, string Mount, double Available)[] Filesystems =
    [
        ("/dev/sda1", "ext4", "/", 0.6),
        ("/dev/sda2", "ext4", "/var", 0.45),
        ("/dev/sdb1", "xfs", "/data", 0.1),
    ];

    public static IReadOnlyList<SeriesTemplate> NodeExporter { get; } = BuildNodeExporter();

    public static IReadOnlyList<SeriesTemplate> HttpService { get; } = BuildHttpService();

    /// <summary>Every metric name either shape uses.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = [.. NodeExporter.Concat(HttpService).Select(s => s.Metric).Distinct()];

    private static List<SeriesTemplate> BuildNodeExporter()
    {
        var series = new List<SeriesTemplate>();
        for (int cpu = 0; cpu < 4; cpu++)
        {
            foreach (var mode in CpuModes)
                series.Add(new("node_cpu_seconds_total", [new("cpu", cpu.ToString()), new("mode", mode)], MetricKind.Counter, mode == "idle" ? 14 : 1));
        }
        foreach (var device in NetworkDevices)
        {
            series.Add(new("node_network_receive_bytes_total", [new("device", device)], MetricKind.Counter, 2e7));
            series.Add(new("node_network_transmit_bytes_total", [new("device", device)], MetricKind.Counter, 1e7));
            series.Add(new("node_network_receive_packets_total", [new("device", device)], MetricKind.Counter, 2e4));
            series.Add(new("node_network_transmit_packets_total", [new("device", device)], MetricKind.Counter, 1e4));
        }
        foreach (var (device, fsType, mount, available) in Filesystems)
        {
            KeyValuePair<string, string>[] labels = [new("device", device), new("fstype", fsType), new("mountpoint", mount)];
            series.Add(new("node_filesystem_size_bytes", labels, MetricKind.Gauge, 1e11));
            series.Add(new("node_filesystem_avail_bytes", labels, MetricKind.Gauge, 1e11 * available));
        }
        foreach (var (name, level) in new[] { ("MemTotal", 1.6e10), ("MemAvailable", 9e9), ("MemFree", 3e9), ("Cached", 5e9), ("Buffers", 4e8) })
            series.Add(new($"node_memory_{name}_bytes", [], MetricKind.Gauge, level));
        foreach (var (name, level) in new[] { ("node_load1", 1.2), ("node_load5", 1.0), ("node_load15", 0.9) })
            series.Add(new(name, [], MetricKind.Gauge, level));
        foreach (var device in DiskDevices)
        {
            series.Add(new("node_disk_read_bytes_total", [new("device", device)], MetricKind.Counter, 4e6));
            series.Add(new("node_disk_written_bytes_total", [new("device", device)], MetricKind.Counter, 8e6));
            series.Add(new("node_disk_io_time_seconds_total", [new("device", device)], MetricKind.Counter, 0.3));
        }
        return series;
    }

    private static List<SeriesTemplate> BuildHttpService()
    {
        var series = new List<SeriesTemplate>();
        foreach (var handler in Handlers)
        {
            foreach (var method in Methods)
            {
                foreach (var code in Codes)
                {
                    double level = code switch { "200" => 40, "404" => 2, _ => 0.5 };
                    series.Add(new("http_requests_total", [new("code", code), new("handler", handler), new("method", method)], MetricKind.Counter, level));
                }
            }
        }
        for (int h = 0; h < Handlers.Length; h++)
        {
            int group = h + 1;
            foreach (var bound in Buckets)
            {
                string le = double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                // A latency distribution with its median near 50 ms: the share of requests at or below each bound.
                double share = double.IsPositiveInfinity(bound) ? 1 : bound / (bound + 0.05);
                series.Add(new("http_request_duration_seconds_bucket", [new("handler", Handlers[h]), new("le", le)], MetricKind.Bucket, 40, share, group));
            }
            series.Add(new("http_request_duration_seconds_count", [new("handler", Handlers[h])], MetricKind.Bucket, 40, 1, group));
            series.Add(new("http_request_duration_seconds_sum", [new("handler", Handlers[h])], MetricKind.Bucket, 40, 0.08, group));
        }
        return series;
    }
}
