using System.Diagnostics;

namespace Tsdb.Load.Queries;

/// <summary>
/// Runs every dashboard query as a range query over the ingested time range, a number of times in turn (so
/// each query sees the others' effect on caches as a dashboard refresh would), and reports latency percentiles.
/// </summary>
public static class QueryLoad
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<QueryLatency>> RunAsync(PromApiClient api, IReadOnlyList<DashboardQuery> queries,
        long startMs, long endMs, int repetitions, CancellationToken cancellationToken)
    {
        if (repetitions <= 0) throw new ArgumentOutOfRangeException(nameof(repetitions), repetitions, "run each query at least once");
        var timings = queries.Select(_ => new List<TimeSpan>(repetitions)).ToArray();
        var series = new int[queries.Count];
        for (int r = 0; r < repetitions; r++)
        {
            for (int q = 0; q < queries.Count; q++)
            {
                var stopwatch = Stopwatch.StartNew();
                int count = await api.RangeSeriesCountAsync(queries[q].Expression, startMs, endMs, Step, cancellationToken);
                timings[q].Add(stopwatch.Elapsed);
                if (r > 0 && count != series[q])
                    throw new InvalidDataException($"query {queries[q].Name} answered {count} series, then {series[q]} before");
                series[q] = count;
            }
        }
        return queries.Select((query, q) => new QueryLatency(query, series[q],
            Percentiles.Of(timings[q], 50), Percentiles.Of(timings[q], 90), repetitions)).ToArray();
    }
}
