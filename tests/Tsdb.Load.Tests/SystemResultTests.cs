using Tsdb.Load.Compare;
using Tsdb.Load.Queries;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Tests;

public class SystemResultTests
{
    private static readonly EncodedWorkload Encoded = new(new WriteWorkload("t", 10, 4), [], 0, 60_000, 40, 10, 10, TimeSpan.FromSeconds(60));

    /// <param name="residentMiB">The median resident memory read after the ingest; the reading just after it was 20 MiB more.</param>
    private static IngestMeasurement Ingest(double cpuSeconds, long residentMiB, int refused = 0) => new(
        new SendResult(TimeSpan.FromSeconds(cpuSeconds + 0.1), 4, refused, 40, refused > 0 ? "HTTP 400" : null),
        new ProcessStats(TimeSpan.FromSeconds(1), 50 << 20, 50 << 20),
        new ProcessStats(TimeSpan.FromSeconds(1 + cpuSeconds), (residentMiB + 20) << 20, (residentMiB + 25) << 20),
        null,
        residentMiB << 20);

    private static SystemResult Result(StoredCounts counts, params IngestMeasurement[] ingests) =>
        new("ours", Encoded, ingests, counts, new PersistedSize(400, "data directory"), Array.Empty<QueryLatency>());

    private static readonly StoredCounts All = new(40, 10, "test");

    [Fact]
    public void CpuIsTheLeastOverTheInstancesAndMemoryTheMean()
    {
        var result = Result(All, Ingest(3.0, 120), Ingest(2.0, 130), Ingest(2.5, 110));
        Assert.True(result.Passed);
        Assert.Equal(TimeSpan.FromSeconds(2.0), result.IngestCpu);
        Assert.Same(result.Ingests[1], result.BestIngest);
        Assert.Equal(40 / 2.0, result.SamplesPerCpuSecond, 6);
        Assert.Equal(120L << 20, result.ResidentBytesAfterIngest);
        Assert.Equal(145L << 20, result.PeakResidentBytes);
        // No warm-up: the active series are the workload's 10.
        Assert.Equal((120 << 20) / 10.0, result.ResidentBytesPerActiveSeries, 6);
    }

    [Fact]
    public void AnyInstanceThatRefusedRequestsFailsTheSystem()
    {
        var result = Result(All, Ingest(2.0, 100), Ingest(1.0, 100, refused: 1));
        Assert.False(result.Passed);
        Assert.StartsWith("instance 2: 1 of 4 requests refused", result.FailureReason);
    }

    [Fact]
    public void StoringFewerSamplesOrSeriesThanSentFails()
    {
        Assert.Contains("stored 39 of 40 samples", Result(All with { Samples = 39 }, Ingest(1, 100)).FailureReason);
        Assert.Contains("9 series in the last 60 s, expected 10", Result(All with { SeriesInLastWindow = 9 }, Ingest(1, 100)).FailureReason);
        Assert.True(All.Matches(Encoded));
        Assert.False((All with { Samples = 41 }).Matches(Encoded));
    }
}
