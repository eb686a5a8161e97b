namespace Tsdb.Load.Queries;

/// <summary>
/// One dashboard query's timings against one system, and how many series it answered with. Each timed round
/// queried every instance of the system once, seconds apart (<see cref="QueryLoad"/>). A round's latency is
/// the mean over the instances, so that every round weighs the state of each instance alike: one instance's
/// garbage collector may fall on this query round after round while another's never does, and a median over
/// all timings pooled would jump between the two.
/// </summary>
/// <param name="Timings">Per timed round, one timing per instance.</param>
public sealed record QueryLatency(DashboardQuery Query, int Series, IReadOnlyList<IReadOnlyList<TimeSpan>> Timings)
{
    public int Rounds => Timings.Count;

    public IReadOnlyList<TimeSpan> RoundLatencies => Timings.Select(round => TimeSpan.FromTicks((long)round.Average(t => t.Ticks))).ToArray();

    public TimeSpan Median => Percentiles.Of(RoundLatencies, 50);

    public TimeSpan P90 => Percentiles.Of(RoundLatencies, 90);

    /// <summary>
    /// The mid-mean (<see cref="MidMean"/>) over the rounds of <paramref name="ours"/>' latency divided by
    /// <paramref name="other"/>'s in the same round. Both were measured seconds apart, so whatever slowed the
    /// machine in a round slowed both, and it cancels out of the round's ratio; a ratio of two medians keeps it
    /// wherever the medians fall in different rounds.
    /// </summary>
    public static double MidMeanRatio(QueryLatency ours, QueryLatency other)
    {
        if (ours.Rounds != other.Rounds) throw new ArgumentException($"{ours.Rounds} rounds against {other.Rounds}: only latencies timed in the same rounds pair up", nameof(other));
        var a = ours.RoundLatencies;
        var b = other.RoundLatencies;
        return MidMean.Of(a.Select((latency, r) => latency / b[r]).ToArray());
    }
}
