using System.Runtime.InteropServices;

namespace Tsdb.Storage;

/// <summary>
/// Sorts many label sets into Prometheus's order (that of <see cref="Labels.CompareTo"/>) without comparing
/// strings pairwise: the distinct strings of all the sets are sorted once, and the sets are then compared as
/// runs of those strings' ranks, integers side by side in one array. A selection of ten thousand series shares
/// a few hundred strings, and comparing them string by string was most of the cost of sorting it.
/// </summary>
public static class LabelOrder
{
    /// <summary>Below this many sets a plain comparison sort is cheaper than ranking their strings.</summary>
    private const int RankedFrom = 32;

    public static void Sort<T>(List<T> items, Func<T, Labels> labelsOf)
    {
        int n = items.Count;
        if (n < RankedFrom)
        {
            items.Sort((a, b) => labelsOf(a).CompareTo(labelsOf(b)));
            return;
        }

        if (InOrder(items, labelsOf)) return;

        var starts = GC.AllocateUninitializedArray<int>(n + 1);
        int total = 0;
        for (int i = 0; i < n; i++)
        {
            starts[i] = total;
            total += labelsOf(items[i]).Ids.Length;
        }
        starts[n] = total;
        // Allocated for this sort alone, not rented: the shared array pool keeps what it hands out for a minute or
        // more, on every thread that returned one, and kept megabytes of these for as long as queries ran.
        var ranks = GC.AllocateUninitializedArray<int>(total);
        RankStrings(items, labelsOf, ranks);
        Reorder(items, SortedOrder(ranks, starts, n));
    }

    /// <summary>Writes, for every string number of every set in turn, the rank of its string among all of them.</summary>
    private static void RankStrings<T>(List<T> items, Func<T, Labels> labelsOf, int[] ranks)
    {
        // First the position of each distinct number in order of appearance, then those positions' ranks.
        var positionOf = new Dictionary<int, int>();
        var distinct = new List<int>();
        int p = 0;
        foreach (var item in items)
        {
            foreach (int id in labelsOf(item).Ids)
            {
                ref int position = ref CollectionsMarshal.GetValueRefOrAddDefault(positionOf, id, out bool exists);
                if (!exists)
                {
                    position = distinct.Count;
                    distinct.Add(id);
                }
                ranks[p++] = position;
            }
        }
        var byString = new int[distinct.Count];
        for (int i = 0; i < byString.Length; i++) byString[i] = i;
        Array.Sort(byString, (a, b) => string.CompareOrdinal(StringInterner.StringOf(distinct[a]), StringInterner.StringOf(distinct[b])));
        var rankOfPosition = new int[byString.Length];
        for (int rank = 0; rank < byString.Length; rank++) rankOfPosition[byString[rank]] = rank;
        for (int i = 0; i < p; i++) ranks[i] = rankOfPosition[ranks[i]];
    }

    private static ReadOnlySpan<int> RanksOf(int[] ranks, int[] starts, int i) =>
        ranks.AsSpan(starts[i], starts[i + 1] - starts[i]);

    /// <summary>
    /// Selections often come out in order already (one metric's series, created in label order). Neighbours share
    /// most of their labels, and equal numbers are equal strings, so comparing them costs about one string
    /// comparison each: far less than ranking every string, and it needs none of the rank arrays, which for tens
    /// of thousands of series are megabytes.
    /// </summary>
    private static bool InOrder<T>(List<T> items, Func<T, Labels> labelsOf)
    {
        var previous = labelsOf(items[0]);
        for (int i = 1; i < items.Count; i++)
        {
            var current = labelsOf(items[i]);
            if (previous.CompareTo(current) > 0) return false;
            previous = current;
        }
        return true;
    }

    private static int[] SortedOrder(int[] ranks, int[] starts, int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        // Rank by rank, then the shorter first: Labels.CompareTo's order, since equal strings have equal ranks.
        Array.Sort(order, (a, b) => RanksOf(ranks, starts, a).SequenceCompareTo(RanksOf(ranks, starts, b)));
        return order;
    }

    /// <summary>
    /// Puts <c>items[order[i]]</c> at <c>i</c> in place, cycle by cycle, rather than through a copy of the list;
    /// <paramref name="order"/> is used up (each visited entry is marked by flipping its bits).
    /// </summary>
    private static void Reorder<T>(List<T> items, int[] order)
    {
        var span = CollectionsMarshal.AsSpan(items);
        for (int start = 0; start < order.Length; start++)
        {
            if (order[start] < 0) continue;
            var first = span[start];
            int at = start;
            while (true)
            {
                int from = order[at];
                order[at] = ~from;
                if (from == start) break;
                span[at] = span[from];
                at = from;
            }
            span[at] = first;
        }
    }
}
