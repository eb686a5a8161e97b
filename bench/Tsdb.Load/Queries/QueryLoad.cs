using System.Diagnostics;
using Tsdb.Load.Systems;

namespace Tsdb.Load.Queries;

/// <summary>
/// Runs every dashboard query as a range query over the ingested time range, a number of rounds, against one
/// or more systems, each possibly running as several instances holding the same data, and keeps every timing
/// by round and instance (<see cref="QueryLatency"/>). Everything is interleaved at the finest grain: within a
/// round each query goes to every instance in turn, the first one changing from query to query
/// (<see cref="TurnOrder"/>), so that whatever else the machine is doing at a moment weighs on all systems alike
/// instead of on whichever happened to be measured then. The queries' order within a round is shuffled too
/// (<see cref="ShuffledOrder"/>), so that what runs between two runs of a query changes from round to round: a
/// garbage collector that a fixed order would set off during the same query every round spreads over all of them.
/// Every query sent to an instance may be preceded by <c>beforeEachQuery</c> for that instance, untimed (the compare
/// tool runs the instance's garbage collector to completion there).
/// </summary>
public static class QueryLoad
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    /// <summary>Rounds beyond the minimum, when a minimum duration asks for more, stop at this many times the minimum.</summary>
    public const int MaxRoundsPerMinimumRound = 10;

    /// <param name="systems">Per system, its instances; every instance must answer every query with as many series.</param>
    /// <param name="repetitions">Timed rounds at the least.</param>
    /// <param name="minimumDuration">
    /// Timed rounds go on until this much time has passed too (up to <see cref="MaxRoundsPerMinimumRound"/> times
    /// <paramref name="repetitions"/>): fast queries get more rounds, so their medians are as steady as slow ones'.
    /// </param>
    /// <param name="beforeEachQuery">
    /// Run before every query with the index of the instance about to answer it, counting the instances of all systems in
    /// order; its time counts neither as latency nor towards <paramref name="minimumDuration"/>.
    /// </param>
    public static async Task<IReadOnlyList<QueryLatency>[]> RunAsync(IReadOnlyList<IReadOnlyList<PromApiClient>> systems,
        IReadOnlyList<DashboardQuery> queries, long startMs, long endMs, int repetitions, CancellationToken cancellationToken,
        TimeSpan minimumDuration = default, Func<int, CancellationToken, Task>? beforeEachQuery = null)
    {
        if (systems.Count == 0 || systems.Any(s => s.Count == 0)) throw new ArgumentException("every system needs an instance to query", nameof(systems));
        if (repetitions <= 0) throw new ArgumentOutOfRangeException(nameof(repetitions), repetitions, "run each query at least once");
        var instances = systems.SelectMany((apis, s) => apis.Select(api => (System: s, Api: api))).ToArray();
        // Per system and query, per timed round, one timing per instance in the system's instance order.
        var timings = systems.Select(_ => queries.Select(_ => new List<TimeSpan[]>(repetitions)).ToArray()).ToArray();
        var instanceInSystem = instances.Select((x, i) => instances.Take(i).Count(y => y.System == x.System)).ToArray();
        var series = instances.Select(_ => new int[queries.Count]).ToArray();
        int turn = 0;
        // The queries' own time, the hook's left out.
        var timed = TimeSpan.Zero;
        bool MoreRounds(int r) => r < repetitions ||
            (r < repetitions * MaxRoundsPerMinimumRound && timed < minimumDuration);
        for (int r = 0; MoreRounds(r); r++)
        {
            for (int s = 0; s < systems.Count; s++)
            {
                foreach (var perRound in timings[s]) perRound.Add(new TimeSpan[systems[s].Count]);
            }
            foreach (int q in ShuffledOrder.Of(r, queries.Count))
            {
                foreach (int i in TurnOrder.Of(turn, instances.Length))
                {
                    if (beforeEachQuery is not null) await beforeEachQuery(i, cancellationToken);
                    var stopwatch = Stopwatch.StartNew();
                    int count = await instances[i].Api.RangeSeriesCountAsync(queries[q].Expression, startMs, endMs, Step, cancellationToken);
                    var latency = stopwatch.Elapsed;
                    timed += latency;
                    timings[instances[i].System][q][r][instanceInSystem[i]] = latency;
                    if (r > 0 && count != series[i][q])
                        throw new InvalidDataException($"query {queries[q].Name} answered {count} series, then {series[i][q]} before");
                    series[i][q] = count;
                }
                turn++;
            }
        }
        for (int i = 1; i < instances.Length; i++)
        {
            var first = Array.FindIndex(instances, x => x.System == instances[i].System);
            for (int q = 0; q < queries.Count; q++)
            {
                if (series[i][q] != series[first][q])
                    throw new InvalidDataException($"query {queries[q].Name}: two instances of one system answered {series[first][q]} and {series[i][q]} series");
            }
        }
        return systems.Select((_, s) =>
        {
            int first = Array.FindIndex(instances, x => x.System == s);
            return (IReadOnlyList<QueryLatency>)queries.Select((query, q) => new QueryLatency(query, series[first][q], timings[s][q])).ToArray();
        }).ToArray();
    }
}
