using FsCheck;
using FsCheck.Fluent;

namespace Tsdb.Storage.Tests;

public class LabelOrderTests
{
    /// <summary>Label sets from few names and values, so sets share strings and prefixes as selections do.</summary>
    private static readonly Gen<Labels> SmallLabelSet =
        Gen.ListOf(Gen.Zip(Gen.Elements("__name__", "a", "b", "ba", "code", "é"), Gen.Elements("", "1", "10", "2", "x", "X", "xy", "ü")))
            .Select(pairs => Labels.From(pairs.DistinctBy(p => p.Item1).Select(p => new Label(p.Item1, p.Item2))));

    [Fact]
    public void Sorts_as_comparing_label_sets_pairwise_does()
    {
        var lists = Gen.Choose(0, 120).SelectMany(n => Gen.ListOf(SmallLabelSet, n));
        Check.QuickThrowOnFailure(Prop.ForAll(Arb.From(lists), sets =>
        {
            var expected = sets.ToList();
            expected.Sort((a, b) => a.CompareTo(b));
            var sorted = sets.ToList();
            LabelOrder.Sort(sorted, static l => l);
            // Equal sets may come in either order; compare what decides the order.
            return sorted.Select(l => l.ToString()).SequenceEqual(expected.Select(l => l.ToString()))
                && sorted.Zip(sorted.Skip(1)).All(p => p.First.CompareTo(p.Second) <= 0);
        }));
    }

    [Fact]
    public void Sorts_sets_with_more_distinct_strings_than_sixteen_bit_ranks_hold()
    {
        // 25,000 values of a and 50,000 of b where the sets first differ: their ranks take 32 bits, so a key holds
        // those two places, and every pair of sets equal there is ordered by c, in the comparison in full.
        var random = new Random(7);
        var sets = Enumerable.Range(0, 100_000)
            .Select(i => Labels.FromPairs("a", (i / 4).ToString("x"), "b", (i / 2 % 2 == 0 ? "k" : "m") + (i / 4), "c", i % 2 == 0 ? "z" : "y"))
            .OrderBy(_ => random.Next()).ToList();
        var expected = sets.ToList();
        expected.Sort((a, b) => a.CompareTo(b));
        LabelOrder.Sort(sets, static l => l);
        Assert.Equal(expected.Select(l => l.ToString()), sets.Select(l => l.ToString()));
    }

    [Fact]
    public void Keeps_items_with_their_labels()
    {
        var items = Enumerable.Range(0, 200).Select(i => (Id: i, Labels: Labels.FromPairs("n", (199 - i).ToString("D3")))).ToList();
        LabelOrder.Sort(items, static item => item.Labels);
        Assert.Equal(Enumerable.Range(0, 200).Reverse(), items.Select(item => item.Id));
    }
}
