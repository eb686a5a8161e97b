using System.Runtime.InteropServices;

namespace Tsdb.Storage;

/// <summary>
/// Sorts many label sets into Prometheus's order (that of <see cref="Labels.CompareTo"/>) without comparing
/// strings pairwise. A set is a run of string numbers (name, value, name, value, ...) compared string by string,
/// shorter first; a selection's sets differ only at a few places of that run (the instance's value, the mode's),
/// and share a few hundred distinct strings there. Each set gets one 64-bit key: the ranks, among those strings,
/// of its strings at the first places where any two sets differ. Sorting the keys orders the sets up to those
/// places; sets with equal keys are then compared in full. Comparing string by string was most of the cost of
/// sorting ten thousand series, and ranking every string of every set took 4 bytes a string; the keys take 8 a set.
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

        var places = PlacesThatDiffer(items, labelsOf);
        var rankOf = RanksAt(items, labelsOf, places);
        // Rank 0 stands for a set too short to have the place, which sorts first as a shorter set does.
        int bits = rankOf.Count < ushort.MaxValue ? 16 : 32;
        int keyed = Math.Min(places.Count, 64 / bits);
        var keys = GC.AllocateUninitializedArray<ulong>(n);
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            var ids = labelsOf(items[i]).Ids;
            ulong key = 0;
            for (int k = 0; k < keyed; k++)
            {
                int place = places[k];
                key = (key << bits) | (place < ids.Length ? (uint)rankOf[ids[place]] + 1 : 0u);
            }
            keys[i] = key;
            order[i] = i;
        }
        Array.Sort(keys, order);
        if (keyed < places.Count) SortEqualKeys(items, labelsOf, keys, order);
        Reorder(items, order);
    }

    /// <summary>
    /// The places of the string runs where some set differs from the first (a set too short to have a place
    /// differs there), in order. Before the first such place all sets agree, and between two of them as well.
    /// </summary>
    private static List<int> PlacesThatDiffer<T>(List<T> items, Func<T, Labels> labelsOf)
    {
        var first = labelsOf(items[0]).Ids;
        int longest = first.Length;
        foreach (var item in items) longest = Math.Max(longest, labelsOf(item).Ids.Length);
        var differs = new bool[longest];
        for (int p = first.Length; p < longest; p++) differs[p] = true;
        foreach (var item in items)
        {
            var ids = labelsOf(item).Ids;
            int shared = Math.Min(ids.Length, first.Length);
            for (int p = 0; p < shared; p++) differs[p] |= ids[p] != first[p];
            for (int p = shared; p < first.Length; p++) differs[p] = true;
        }
        var places = new List<int>();
        for (int p = 0; p < longest; p++)
            if (differs[p]) places.Add(p);
        return places;
    }

    /// <summary>
    /// By string number, the rank of each string found at the first four <paramref name="places"/> of any set
    /// among all of those strings; a key holds at most four places.
    /// </summary>
    private static Dictionary<int, int> RanksAt<T>(List<T> items, Func<T, Labels> labelsOf, List<int> places)
    {
        var rankOf = new Dictionary<int, int>();
        int used = Math.Min(places.Count, 4);
        foreach (var item in items)
        {
            var ids = labelsOf(item).Ids;
            for (int k = 0; k < used && places[k] < ids.Length; k++) rankOf.TryAdd(ids[places[k]], 0);
        }
        var byString = rankOf.Keys.ToArray();
        Array.Sort(byString, static (a, b) => string.CompareOrdinal(StringInterner.StringOf(a), StringInterner.StringOf(b)));
        for (int rank = 0; rank < byString.Length; rank++) rankOf[byString[rank]] = rank;
        return rankOf;
    }

    /// <summary>Orders each run of equal keys by comparing its sets in full.</summary>
    private static void SortEqualKeys<T>(List<T> items, Func<T, Labels> labelsOf, ulong[] keys, int[] order)
    {
        var bySet = Comparer<int>.Create((a, b) => labelsOf(items[a]).CompareTo(labelsOf(items[b])));
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start, bySet);
            start = end;
        }
    }

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
