using System.Diagnostics;

namespace Tsdb.Load.Queries;

/// <summary>
/// Runs every dashboard query as a range query over the ingested time range, a number of times in turn (so
/// each query sees the others' effect on caches as a dashboard refresh would), and reports latency percentiles.
/// The first <c>warmups</c> rounds are run the same way but not timed: the first runs of a query pay for
/// code compiled on first call and for pages and caches filling, which the others do not.
/// </summary>
public static class QueryLoad
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<QueryLatency>> RunAsync(PromApiClient api, IReadOnlyList<DashboardQuery> queries,
        long startMs, long endMs, int repetitions, CancellationToken cancellationToken, int warmups = 0)
    {
        if (repetitions <= 0) throw new ArgumentOutOfRangeException(nameof(repetitions), repetitions, "run each query at least once");
        if (warmups < 0) throw new ArgumentOutOfRangeException(nameof(warmups), warmups, "warm-up rounds cannot be negative");
        var timings = queries.Select(_ => new List<TimeSpan>(repetitions)).ToArray();
        var series = new int[queries.Count];
        for (int r = -warmups; r < repetitions; r++)
        {
            for (int q = 0; q < queries.Count; q++)
            {
                var stopwatch = Stopwatch.StartNew();
                int count = await api.RangeSeriesCountAsync(queries[q].Expression, startMs, endMs, Step, cancellationToken);
                if (r >= 0) timings[q].Add(stopwatch.Elapsed);
                if (r > -warmups && count != series[q])
                    throw new InvalidDataException($"query {queries[q].Name} answered {count} series, then {series[q]} before");
                series[q] = count;
            }
        }
        return queries.Select((query, q) => new QueryLatency(query, series[q],
            Percentiles.Of(timings[q], 50), Percentiles.Of(timings[q], 90), repetitions)).ToArray();
    }
}
