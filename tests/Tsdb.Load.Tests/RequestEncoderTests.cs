using FsCheck;
using FsCheck.Fluent;
using IronSnappy;
using Tsdb.Load.Workload;
using Tsdb.Server.RemoteWrite.Protos;

namespace Tsdb.Load.Tests;

public class RequestEncoderTests
{
    private const long End = 1_700_000_000_000;

    private sealed record Decoded(int Worker, string Series, long Timestamp, double Value);

    private static List<Decoded> Decode(EncodedWorkload encoded)
    {
        var samples = new List<Decoded>();
        for (int w = 0; w < encoded.RequestsPerWorker.Count; w++)
        {
            foreach (var body in encoded.RequestsPerWorker[w])
            {
                var request = WriteRequest.Parser.ParseFrom(Snappy.Decode(body));
                foreach (var series in request.Timeseries)
                {
                    string key = string.Join(",", series.Labels.Select(l => $"{l.Name}={l.Value}"));
                    foreach (var sample in series.Samples) samples.Add(new Decoded(w, key, sample.Timestamp, sample.Value));
                }
            }
        }
        return samples;
    }

    [Fact]
    public void EveryRequestHoldsAtMostTheSamplesAskedForWithSortedLabels()
    {
        var encoded = RequestEncoder.Encode(new WriteWorkload("t", 4500, 3, SamplesPerRequest: 1000, Concurrency: 2), End);
        Assert.Equal(15, encoded.Requests);
        foreach (var body in encoded.RequestsPerWorker.SelectMany(r => r))
        {
            var request = WriteRequest.Parser.ParseFrom(Snappy.Decode(body));
            Assert.InRange(request.Timeseries.Count, 1, 1000);
            foreach (var series in request.Timeseries)
            {
                var names = series.Labels.Select(l => l.Name).ToArray();
                Assert.Equal(names.Order(StringComparer.Ordinal), names);
                Assert.Contains("__name__", names);
            }
        }
    }

    [Fact]
    public void MixesNodeExporterAndHttpServiceShapes()
    {
        var names = Decode(RequestEncoder.Encode(new WriteWorkload("t", 1000, 1), End))
            .Select(s => s.Series.Split(',')[0]).Distinct().ToHashSet();
        Assert.Contains("__name__=node_cpu_seconds_total", names);
        Assert.Contains("__name__=node_network_receive_bytes_total", names);
        Assert.Contains("__name__=http_requests_total", names);
        Assert.Contains("__name__=http_request_duration_seconds_bucket", names);
    }

    [Fact]
    public void SamplesCoverTheWorkloadInOrderPerSeriesAndTheCountsItPromisesHold()
    {
        var workloads =
            from series in Gen.Choose(1, 400)
            from rounds in Gen.Choose(1, 30)
            from perRequest in Gen.Choose(1, 150)
            from concurrency in Gen.Choose(1, 5)
            from churn in Gen.Elements(0.0, 0.5, 5.0, 40.0)
            select new WriteWorkload("p", series, rounds, perRequest, concurrency, churn);
        Prop.ForAll(workloads.ToArbitrary(), workload =>
        {
            var encoded = RequestEncoder.Encode(workload, End + 1234);
            var samples = Decode(encoded);
            var bySeries = samples.GroupBy(s => s.Series).ToArray();
            long windowStart = encoded.EndMs - (long)encoded.LastWindow.TotalMilliseconds;
            bool ordered = bySeries.All(g =>
                g.Select(s => s.Worker).Distinct().Count() == 1 &&
                g.Zip(g.Skip(1)).All(p => p.First.Timestamp < p.Second.Timestamp));
            bool countersGrow = bySeries.Where(g => g.Key.Contains("_total", StringComparison.Ordinal))
                .All(g => g.Zip(g.Skip(1)).All(p => p.First.Value <= p.Second.Value));
            return samples.Count == workload.Samples
                && encoded.Samples == workload.Samples
                && encoded.EndMs % 15_000 == 0
                && samples.Min(s => s.Timestamp) == encoded.StartMs
                && samples.Max(s => s.Timestamp) == encoded.EndMs
                && samples.GroupBy(s => s.Timestamp).All(g => g.Count() == workload.Series)
                && ordered
                && countersGrow
                && bySeries.Length == encoded.DistinctSeries
                && bySeries.Count(g => g.Max(s => s.Timestamp) > windowStart) == encoded.SeriesInLastWindow;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void EachRoundCarriesOneSamplePerSeriesAtItsOwnTimeAndTheWorkersSendTheSameBodies()
    {
        var encoded = RequestEncoder.Encode(new WriteWorkload("r", 2500, 4, SamplesPerRequest: 1000, Concurrency: 2), End);
        Assert.Equal(4, encoded.RequestsPerRound.Count);
        Assert.Equal(2, encoded.Workers);
        for (int round = 0; round < encoded.RequestsPerRound.Count; round++)
        {
            var bodies = encoded.RequestsPerRound[round];
            Assert.Equal(3, bodies.Count);
            var series = bodies.SelectMany(body => WriteRequest.Parser.ParseFrom(Snappy.Decode(body)).Timeseries).ToArray();
            Assert.Equal(2500, series.Length);
            Assert.All(series, s => Assert.Equal(encoded.StartMs + round * 15_000L, Assert.Single(s.Samples).Timestamp));
        }
        Assert.Equal(encoded.RequestsPerRound.SelectMany(r => r).ToHashSet(), encoded.RequestsPerWorker.SelectMany(w => w).ToHashSet());
        Assert.Equal(encoded.Requests, encoded.RequestsPerWorker.Sum(w => w.Count));
    }

    [Fact]
    public void ChurnReplacesAboutTheShareOfSeriesAskedFor()
    {
        var workload = new WriteWorkload("c", 10_000, 11, ChurnPercent: 10);
        var encoded = RequestEncoder.Encode(workload, End);
        // Ten rounds after the first replace about 10 % each: about 10,000 new series, in whole instances.
        Assert.InRange(encoded.DistinctSeries - workload.Series, 9_000, 11_000);
    }

    [Fact]
    public void RefusesAWorkloadLongerThanAPrometheusHeadAccepts()
    {
        var e = Assert.Throws<ArgumentException>(() => RequestEncoder.Encode(new WriteWorkload("long", 10, 241), End));
        Assert.Contains("241 rounds", e.Message);
    }
}
