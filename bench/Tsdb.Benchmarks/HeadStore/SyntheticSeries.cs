using System.Globalization;
using Tsdb.Storage;

namespace Tsdb.Benchmarks.HeadStore;

/// <summary>
/// Label sets shaped like a fleet's: 10 labels per series (metric name, job, instance, and
/// node-exporter/HTTP-service style dimensions), with realistic cardinalities per label.
/// </summary>
internal static class SyntheticSeries
{
    public static readonly string[] MetricNames =
    [
        "node_cpu_seconds_total", "node_memory_MemAvailable_bytes", "node_network_receive_bytes_total",
        "node_disk_read_bytes_total", "node_filesystem_avail_bytes", "http_requests_total",
        "http_request_duration_seconds_bucket", "process_resident_memory_bytes", "go_goroutines", "up",
    ];

    private static readonly string[] Jobs = ["node", "api", "web", "db", "cache", "queue", "auth", "search", "billing", "mail"];
    private static readonly string[] Modes = ["user", "system", "idle", "iowait", "irq", "softirq", "steal", "nice"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];
    private static readonly string[] Codes = ["200", "201", "400", "404", "500"];

    public static Labels Create(int i)
    {
        var inv = CultureInfo.InvariantCulture;
        int host = i / 1000;
        return Labels.FromPairs(
            Labels.MetricName, MetricNames[i % MetricNames.Length],
            "job", Jobs[host % Jobs.Length],
            "instance", "host-" + host.ToString(inv) + ":9100",
            "region", "region-" + (host % 4).ToString(inv),
            "zone", "zone-" + (host % 12).ToString(inv),
            "cluster", "cluster-" + (host % 3).ToString(inv),
            "mode", Modes[i / 10 % Modes.Length],
            "method", Methods[i / 80 % Methods.Length],
            "code", Codes[i / 320 % Codes.Length],
            "id", (i % 1000).ToString(inv));
    }
}
