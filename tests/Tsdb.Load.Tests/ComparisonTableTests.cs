using Tsdb.Load.Compare;
using Tsdb.Load.Queries;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Tests;

public class ComparisonTableTests
{
    private static readonly EncodedWorkload Encoded = new(new WriteWorkload("t", 10, 4), [], 0, 60_000, 40, 10, 10, TimeSpan.FromSeconds(60));

    private static SystemResult Result(string system, double cpuSeconds, long residentMiB, long peakMiB) => new(system, Encoded,
        [
            new IngestMeasurement(new SendResult(TimeSpan.FromSeconds(1), 4, 0, 40, null),
                new ProcessStats(TimeSpan.Zero, 50 << 20, 50 << 20),
                new ProcessStats(TimeSpan.FromSeconds(cpuSeconds), residentMiB << 20, peakMiB << 20),
                null, residentMiB << 20),
        ],
        new StoredCounts(40, 10, "test"), new PersistedSize(400, "data directory"), Array.Empty<QueryLatency>());

    [Fact]
    public void ThePeakIsShownButNotCompared()
    {
        var ours = Result("ours", 1, residentMiB: 100, peakMiB: 120);
        var other = Result("other", 4, residentMiB: 200, peakMiB: 300);
        var ratios = ComparisonTable.Ratios(ours, other).ToDictionary(r => r.Label, r => r.Ratio);

        Assert.Null(ratios.Single(r => r.Key.StartsWith("peak resident memory", StringComparison.Ordinal)).Value);
        Assert.Equal(0.5, ratios.Single(r => r.Key.StartsWith("resident bytes per active series", StringComparison.Ordinal)).Value!.Value, 6);
        Assert.Equal(4.0, ratios.Single(r => r.Key.StartsWith("samples per CPU-second", StringComparison.Ordinal)).Value!.Value, 6);

        string peakRow = ComparisonTable.Render([ours, other]).Split('\n').Single(l => l.StartsWith("| peak resident memory", StringComparison.Ordinal));
        Assert.Equal("| peak resident memory (MiB), not compared | 120 | 300 |  |", peakRow.TrimEnd());
    }
}
