using System.Numerics;

namespace Tsdb.Storage.Index;

/// <summary>Set algebra over sorted postings: the core of resolving label matchers to series.</summary>
internal static class PostingsOperations
{
    /// <summary>Above this many references in total, a union goes through a bitmap instead of sorting.</summary>
    private const int BitmapUnionThreshold = 1 << 14;

    public static Postings Intersect(Postings a, Postings b)
    {
        if (a.Count > b.Count) (a, b) = (b, a);
        if (a.Count == 0) return Postings.Empty;
        var result = new uint[a.Count];
        int n = 0;
        ReadOnlySpan<uint> small = a.Span, large = b.Span;
        if (large.Length / small.Length >= 16)
        {
            // Sizes far apart: search each small element in the shrinking rest of the large list.
            foreach (var r in small)
            {
                int i = large.BinarySearch(r);
                if (i >= 0)
                {
                    result[n++] = r;
                    large = large[(i + 1)..];
                }
                else
                {
                    large = large[~i..];
                }
                if (large.IsEmpty) break;
            }
        }
        else
        {
            int i = 0, j = 0;
            while (i < small.Length && j < large.Length)
            {
                uint x = small[i], y = large[j];
                if (x == y) { result[n++] = x; i++; j++; }
                else if (x < y) i++;
                else j++;
            }
        }
        return new Postings(result, n);
    }

    /// <summary>The references of <paramref name="a"/> that are not in <paramref name="b"/>.</summary>
    public static Postings Without(Postings a, Postings b)
    {
        if (a.Count == 0 || b.Count == 0) return a;
        var result = new uint[a.Count];
        int n = 0, j = 0;
        ReadOnlySpan<uint> left = a.Span, right = b.Span;
        foreach (var x in left)
        {
            while (j < right.Length && right[j] < x) j++;
            if (j < right.Length && right[j] == x) continue;
            result[n++] = x;
        }
        return new Postings(result, n);
    }

    public static Postings Union(List<Postings> lists)
    {
        if (lists.Count == 0) return Postings.Empty;
        if (lists.Count == 1) return lists[0];
        long total = 0;
        uint max = 0;
        foreach (var p in lists)
        {
            total += p.Count;
            if (p.Count > 0) max = Math.Max(max, p.Span[^1]);
        }
        return total >= BitmapUnionThreshold ? UnionByBitmap(lists, max) : UnionBySorting(lists, (int)total);
    }

    private static Postings UnionBySorting(List<Postings> lists, int total)
    {
        var all = new uint[total];
        int n = 0;
        foreach (var p in lists)
        {
            p.Span.CopyTo(all.AsSpan(n));
            n += p.Count;
        }
        Array.Sort(all);
        int unique = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (unique == 0 || all[unique - 1] != all[i]) all[unique++] = all[i];
        }
        return new Postings(all, unique);
    }

    private static Postings UnionByBitmap(List<Postings> lists, uint max)
    {
        var words = new ulong[(max >> 6) + 1];
        foreach (var p in lists)
        {
            foreach (var r in p.Span) words[r >> 6] |= 1UL << (int)(r & 63);
        }
        int count = 0;
        foreach (var w in words) count += BitOperations.PopCount(w);
        var result = new uint[count];
        int n = 0;
        for (int i = 0; i < words.Length; i++)
        {
            ulong w = words[i];
            while (w != 0)
            {
                int bit = BitOperations.TrailingZeroCount(w);
                result[n++] = ((uint)i << 6) | (uint)bit;
                w &= w - 1;
            }
        }
        return Postings.Of(result);
    }
}
