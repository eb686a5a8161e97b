using System.Globalization;
using Tsdb.Load.Queries;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Compare;

/// <summary>What a system says it stored: every sample in the workload's range, and the series seen near its end.</summary>
public sealed record StoredCounts(long Samples, long SeriesInLastWindow, string Source)
{
    /// <summary>
    /// Asks the system through /api/v1/query, at the time of the last round, one metric name at a time:
    /// <c>count_over_time</c> drops the name, so over all names at once the results would collide.
    /// </summary>
    public static async Task<StoredCounts> QueryAsync(PromApiClient api, EncodedWorkload encoded, CancellationToken cancellationToken)
    {
        // The range reaches a minute before the first round so that no boundary rule can leave a sample out.
        long rangeSeconds = (encoded.EndMs - encoded.StartMs) / 1000 + 60;
        long samples = 0, series = 0;
        foreach (string name in LabelShapes.MetricNames)
        {
            string selector = $"{{__name__=\"{name}\"}}";
            samples += (long)await api.InstantSumAsync($"sum(count_over_time({selector}[{rangeSeconds}s]))", encoded.EndMs, cancellationToken);
            series += (long)await api.InstantSumAsync($"count(last_over_time({selector}[{(int)encoded.LastWindow.TotalSeconds}s]))", encoded.EndMs, cancellationToken);
        }
        return new StoredCounts(samples, series, "/api/v1/query");
    }

    /// <summary>Whether these are exactly the samples and recent series the workload sent.</summary>
    public bool Matches(EncodedWorkload encoded) => Samples == encoded.Samples && SeriesInLastWindow == encoded.SeriesInLastWindow;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Samples:N0} samples, {SeriesInLastWindow:N0} recent series ({Source})");
}
