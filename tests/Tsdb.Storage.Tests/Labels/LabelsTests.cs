using FsCheck;
using FsCheck.Fluent;

namespace Tsdb.Storage.Tests;

public class LabelsTests
{
    [Fact]
    public void HashWhere_is_the_hash_of_the_set_filtered_alike()
    {
        var names = new[] { "__name__", "a", "b", "job", "le" };
        var sets = Gen.ListOf(Gen.Zip(Gen.Elements(names), Gen.Elements("", "1", "x", "é")))
            .Select(pairs => Labels.From(pairs.DistinctBy(p => p.Item1).Select(p => new Label(p.Item1, p.Item2))));
        var kept = Gen.SubListOf(names).Select(list => list.ToHashSet());
        Check.QuickThrowOnFailure(Prop.ForAll(Arb.From(sets), Arb.From(kept), (set, keep) =>
            set.HashWhere(keep, static (label, keep) => keep.Contains(label.Name))
                == set.Filter(label => keep.Contains(label.Name)).Hash));
    }

    [Fact]
    public void SortsByNameAndDropsEmptyValues()
    {
        var labels = Labels.FromPairs("job", "api", Labels.MetricName, "up", "empty", "", "instance", "a:1");
        Assert.Equal(["__name__", "instance", "job"], labels.Select(l => l.Name));
        Assert.Equal("up", labels.MetricNameValue);
        Assert.Equal("", labels.Get("empty"));
        Assert.False(labels.Has("empty"));
        Assert.Equal(Labels.FromPairs(Labels.MetricName, "up", "instance", "a:1", "job", "api"), labels);
    }

    [Fact]
    public void RejectsDuplicateNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Labels.FromPairs("a", "1", "a", "2"));
        Assert.Contains("duplicate label name \"a\"", error.Message);
    }

    [Fact]
    public void RendersAsPrometheusDoes()
    {
        var labels = Labels.FromPairs(Labels.MetricName, "http_requests_total", "path", "/a\"b\\c\n", "code", "200");
        Assert.Equal("http_requests_total{code=\"200\", path=\"/a\\\"b\\\\c\\n\"}", labels.ToString());
    }

    [Fact]
    public void HashIsTheSameInEveryProcess()
    {
        // The hash is persisted implicitly, so it is pinned: xxHash64 of "__name__\xffup\xffjob\xffapi\xff".
        var labels = Labels.FromPairs("job", "api", Labels.MetricName, "up");
        byte[] bytes = [.. "__name__"u8, 0xFF, .. "up"u8, 0xFF, .. "job"u8, 0xFF, .. "api"u8, 0xFF];
        Assert.Equal(XxHash64.Hash(bytes), labels.Hash);
    }

    [Fact]
    public void StringsAreInterned()
    {
        var a = Labels.FromPairs("job", new string("api".AsSpan()));
        var b = Labels.FromPairs("job", new string("api".AsSpan()));
        Assert.Same(a[0].Value, b[0].Value);
    }

    private static readonly Gen<List<(string, string)>> PairsGen =
        Gen.ListOf(
            from name in Gen.Elements("a", "b", "c", "__name__", "zz", "ü")
            from value in Gen.Elements("", "1", "x y", "ü", "\n", "\"")
            select (name, value))
        .Select(l => l.DistinctBy(p => p.name).ToList());

    [Fact]
    public void OrderOfConstructionDoesNotMatter()
    {
        Prop.ForAll(PairsGen.ToArbitrary(), pairs =>
        {
            var forward = Labels.From(pairs.Select(p => new Label(p.Item1, p.Item2)));
            var backward = Labels.From(Enumerable.Reverse(pairs).Select(p => new Label(p.Item1, p.Item2)));
            return forward.Equals(backward) && forward.Hash == backward.Hash && forward.CompareTo(backward) == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void CompareIsATotalOrderConsistentWithEquality()
    {
        Prop.ForAll(PairsGen.ToArbitrary(), PairsGen.ToArbitrary(), (x, y) =>
        {
            var a = Labels.From(x.Select(p => new Label(p.Item1, p.Item2)));
            var b = Labels.From(y.Select(p => new Label(p.Item1, p.Item2)));
            int ab = a.CompareTo(b), ba = b.CompareTo(a);
            return Math.Sign(ab) == -Math.Sign(ba) && (ab == 0) == a.Equals(b);
        }).QuickCheckThrowOnFailure();
    }
}
