using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

internal static class TestTargets
{
    /// <summary>A target with job "test" and instance "exporter:1", scraping every 100 ms.</summary>
    public static ScrapeTarget For(Uri url, string job = "test", int intervalMilliseconds = 100, int timeoutMilliseconds = 5000) => new()
    {
        JobName = job,
        Labels = Labels.FromPairs("job", job, "instance", "exporter:1"),
        DiscoveredLabels = Labels.FromPairs("__address__", url.Authority),
        Url = url,
        Interval = TimeSpan.FromMilliseconds(intervalMilliseconds),
        Timeout = TimeSpan.FromMilliseconds(timeoutMilliseconds),
    };

    /// <summary>A copy with some settings changed (the class has init-only properties).</summary>
    public static ScrapeTarget With(this ScrapeTarget t, bool? honorLabels = null, bool? honorTimestamps = null,
        int? sampleLimit = null, int? labelLimit = null, int? labelNameLengthLimit = null, int? labelValueLengthLimit = null,
        long? bodySizeLimit = null, ScrapeHttpSettings? http = null, Func<Labels, Labels?>? metricRelabel = null,
        TimeSpan? timeout = null) => new()
    {
        JobName = t.JobName,
        Labels = t.Labels,
        DiscoveredLabels = t.DiscoveredLabels,
        Url = t.Url,
        Interval = t.Interval,
        Timeout = timeout ?? t.Timeout,
        HonorLabels = honorLabels ?? t.HonorLabels,
        HonorTimestamps = honorTimestamps ?? t.HonorTimestamps,
        SampleLimit = sampleLimit ?? t.SampleLimit,
        LabelLimit = labelLimit ?? t.LabelLimit,
        LabelNameLengthLimit = labelNameLengthLimit ?? t.LabelNameLengthLimit,
        LabelValueLengthLimit = labelValueLengthLimit ?? t.LabelValueLengthLimit,
        BodySizeLimit = bodySizeLimit ?? t.BodySizeLimit,
        Http = http ?? t.Http,
        MetricRelabel = metricRelabel ?? t.MetricRelabel,
    };
}
