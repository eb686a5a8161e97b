using IronSnappy;
using Tsdb.Load.Compare;
using Tsdb.Load.Workload;
using Tsdb.Server.RemoteWrite.Protos;

namespace Tsdb.Load.Tests;

public class WarmUpTests
{
    private const long End = 1_700_000_000_000;

    private static IEnumerable<TimeSeries> SeriesOf(EncodedWorkload encoded) =>
        encoded.RequestsPerWorker.SelectMany(r => r).SelectMany(body => WriteRequest.Parser.ParseFrom(Snappy.Decode(body)).Timeseries);

    private static string Key(TimeSeries series) => string.Join(",", series.Labels.Select(l => $"{l.Name}={l.Value}"));

    [Fact]
    public void WritesOnlySeriesTheMeasuredLoadDoesNotWrite()
    {
        var measured = RequestEncoder.Encode(new WriteWorkload("a", 3000, 2), End);
        var warmUp = WarmUp.Encode(measured);
        var measuredKeys = SeriesOf(measured).Select(Key).ToHashSet();
        var warmUpSeries = SeriesOf(warmUp).ToList();
        Assert.Equal(WarmUp.Series * WarmUp.Rounds, warmUpSeries.Count);
        Assert.All(warmUpSeries, s => Assert.StartsWith(WarmUp.InstancePrefix, s.Labels.Single(l => l.Name == "instance").Value));
        Assert.DoesNotContain(warmUpSeries, s => measuredKeys.Contains(Key(s)));
    }

    [Fact]
    public void EndsAGapBeforeTheMeasuredLoadsFirstRound()
    {
        var measured = RequestEncoder.Encode(new WriteWorkload("a", 500, 10, IntervalSeconds: 15), End);
        var warmUp = WarmUp.Encode(measured);
        long newest = SeriesOf(warmUp).SelectMany(s => s.Samples).Max(s => s.Timestamp);
        Assert.Equal(warmUp.EndMs, newest);
        Assert.True(measured.StartMs - newest >= WarmUp.Gap.TotalMilliseconds,
            $"warm-up ends at {newest}, {measured.StartMs - newest} ms before the measured start {measured.StartMs}");
    }

    [Fact]
    public void KeepsTheMeasuredLoadsRequestShape()
    {
        var measured = RequestEncoder.Encode(new WriteWorkload("a", 5000, 2, SamplesPerRequest: 500, Concurrency: 3), End);
        var warmUp = WarmUp.Encode(measured);
        Assert.Equal(3, warmUp.RequestsPerWorker.Count);
        Assert.All(warmUp.RequestsPerWorker.SelectMany(r => r),
            body => Assert.InRange(WriteRequest.Parser.ParseFrom(Snappy.Decode(body)).Timeseries.Count, 1, 500));
    }
}
