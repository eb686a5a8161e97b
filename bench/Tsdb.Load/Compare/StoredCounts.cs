using System.Globalization;
using Tsdb.Load.Queries;
using Tsdb.Load.Workload;
using Tsdb.Storage;
using Tsdb.Storage.Wal;

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

    /// <summary>
    /// Opens a stopped server's write-ahead log in this process, replays it into a head and counts there: the
    /// check for a server without a query API, which also proves the samples were durable. Counts over the
    /// same range as <see cref="QueryAsync"/>, so that a warm-up load's older samples are left out.
    /// </summary>
    public static StoredCounts ReplayWal(string dataDirectory, EncodedWorkload encoded)
    {
        using var head = Head.Open(new HeadOptions { Wal = new WalOptions(Path.Combine(dataDirectory, "wal")) });
        long from = encoded.StartMs - 60_000;
        using var querier = head.Querier(from, encoded.EndMs);
        var set = querier.Select(Matcher.Regex("__name__", ".+"));
        long windowStart = encoded.EndMs - (long)encoded.LastWindow.TotalMilliseconds;
        long samples = 0, recentSeries = 0;
        while (set.MoveNext())
        {
            var iterator = set.Current.Iterator();
            long last = long.MinValue;
            while (iterator.Next())
            {
                if (iterator.Timestamp < from || iterator.Timestamp > encoded.EndMs) continue;
                samples++;
                last = iterator.Timestamp;
            }
            if (last > windowStart && last <= encoded.EndMs) recentSeries++;
        }
        return new StoredCounts(samples, recentSeries, "write-ahead log replayed in process");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Samples:N0} samples, {SeriesInLastWindow:N0} recent series ({Source})");
}
