using Tsdb.Server.RemoteWrite;
using Tsdb.Server.RemoteWrite.Protos;
using ProtoLabel = Tsdb.Server.RemoteWrite.Protos.Label;

namespace Tsdb.Load.Workload;

/// <summary>
/// Encodes a workload into remote write requests before anything is timed. The series are cut into shards of
/// <see cref="WriteWorkload.SamplesPerRequest"/> consecutive slots; each request carries one round of one
/// shard, a sample per series.
/// </summary>
public static class RequestEncoder
{
    /// <summary>Series seen within this window before the last round are the ones an instant query at the end still sees.</summary>
    public static readonly TimeSpan LastWindow = TimeSpan.FromSeconds(100);

    public static EncodedWorkload Encode(WriteWorkload workload, long endMs)
    {
        workload.Validate();
        var catalog = new SeriesCatalog(workload.Series);
        var churn = new ChurnSchedule(catalog, workload.Rounds, workload.ChurnPercent);
        long intervalMs = workload.IntervalSeconds * 1000L;
        endMs -= endMs % intervalMs;
        long startMs = endMs - (workload.Rounds - 1) * intervalMs;

        int shards = (workload.Series + workload.SamplesPerRequest - 1) / workload.SamplesPerRequest;
        var bodies = new byte[workload.Rounds][][];
        for (int round = 0; round < workload.Rounds; round++) bodies[round] = new byte[shards][];
        Parallel.For(0, shards, shard =>
        {
            int first = shard * workload.SamplesPerRequest;
            int last = Math.Min(workload.Series, first + workload.SamplesPerRequest);
            EncodeShard(catalog, churn, workload, first, last, startMs, intervalMs, round => bodies[round], shard);
        });

        var (distinct, inLastWindow) = CountSeries(catalog, churn, workload, intervalMs);
        return new EncodedWorkload(workload, bodies, startMs, endMs, workload.Samples, distinct, inLastWindow, LastWindow);
    }

    private static void EncodeShard(SeriesCatalog catalog, ChurnSchedule churn, WriteWorkload workload, int first, int last,
        long startMs, long intervalMs, Func<int, byte[][]> roundBodies, int shard)
    {
        int count = last - first;
        var generation = new int[catalog.InstanceCount];
        var values = new double[count];
        var labels = new ProtoLabel[count][];
        for (int i = 0; i < count; i++) labels[i] = LabelsOf(catalog, workload, first + i, 0);

        for (int round = 0; round < workload.Rounds; round++)
        {
            foreach (int instance in churn.ReplacedAt(round))
            {
                generation[instance]++;
                for (int i = 0; i < count; i++)
                {
                    if (catalog.InstanceOf(first + i) != instance) continue;
                    labels[i] = LabelsOf(catalog, workload, first + i, generation[instance]);
                    values[i] = 0;
                }
            }
            long timestamp = startMs + round * intervalMs;
            var request = new WriteRequest();
            for (int i = 0; i < count; i++)
            {
                int slot = first + i;
                var template = catalog.TemplateOf(slot);
                int instance = catalog.InstanceOf(slot);
                values[i] = template.Kind == MetricKind.Gauge
                    ? SampleValues.Gauge(template, slot, round)
                    : values[i] + SampleValues.Increment(template, slot, instance, generation[instance], round, workload.IntervalSeconds);
                var series = new TimeSeries();
                series.Labels.AddRange(labels[i]);
                series.Samples.Add(new Sample { Timestamp = timestamp, Value = values[i] });
                request.Timeseries.Add(series);
            }
            roundBodies(round)[shard] = RemoteWriteEncoder.Encode(request);
        }
    }

    /// <summary>The series' labels sorted by name, as remote write wants them.</summary>
    private static ProtoLabel[] LabelsOf(SeriesCatalog catalog, WriteWorkload workload, int slot, int generation)
    {
        var template = catalog.TemplateOf(slot);
        var (job, instance) = SeriesCatalog.InstanceLabels(catalog.InstanceOf(slot), generation);
        var labels = new List<ProtoLabel>(template.Labels.Count + 3)
        {
            new() { Name = "__name__", Value = template.Metric },
            new() { Name = "instance", Value = workload.InstancePrefix + instance },
            new() { Name = "job", Value = job },
        };
        foreach (var (name, value) in template.Labels) labels.Add(new ProtoLabel { Name = name, Value = value });
        labels.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return [.. labels];
    }

    /// <summary>
    /// Distinct series over the whole run, and those with a sample within <see cref="LastWindow"/> of the end:
    /// every generation of an instance alive in one of the last rounds counts.
    /// </summary>
    private static (long Distinct, long InLastWindow) CountSeries(SeriesCatalog catalog, ChurnSchedule churn, WriteWorkload workload, long intervalMs)
    {
        long distinct = catalog.SeriesCount;
        long inLastWindow = catalog.SeriesCount;
        int lastRounds = (int)Math.Ceiling(LastWindow.TotalMilliseconds / intervalMs);
        int firstCounted = Math.Max(1, workload.Rounds - lastRounds + 1);
        for (int round = 1; round < workload.Rounds; round++)
        {
            foreach (int instance in churn.ReplacedAt(round))
            {
                distinct += catalog.SeriesPerInstance[instance];
                if (round >= firstCounted) inLastWindow += catalog.SeriesPerInstance[instance];
            }
        }
        return (distinct, inLastWindow);
    }
}
