namespace Tsdb.Load.Queries;

/// <summary>
/// The order in which the queries run within one round: a permutation drawn afresh for every round, from a seed
/// that is the round's number, so that every run uses the same orders. A rotation (the first query changing from
/// round to round) would keep each query's neighbours: the same query would follow a heavy allocator in every
/// round, and the garbage collections that allocator sets off would land on it round after round in one run and
/// on another query in the next, depending on where the collector's cycle started. Shuffled, each query follows
/// every other in turn and takes its share of the collections.
/// </summary>
public static class ShuffledOrder
{
    public static int[] Of(int round, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = Enumerable.Range(0, count).ToArray();
        new Random(round).Shuffle(order);
        return order;
    }
}
