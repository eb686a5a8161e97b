using FsCheck;
using FsCheck.Fluent;

namespace Tsdb.Storage.Tests;

/// <summary>
/// Appends random batches to a head and to a naive model of Prometheus's per-series ordering rules,
/// then checks that random selects (matchers and time ranges) return exactly what the model holds.
/// </summary>
public class HeadModelTests
{
    private static readonly string[] Jobs = ["api", "db", "node"];
    private static readonly string[] Instances = ["a:1", "b:2", "c:3"];
    private static readonly string[] Names = ["up", "http_requests_total", "errors"];

    /// <summary>Series with a varying set of labels, so that absent labels occur.</summary>
    private static readonly Labels[] Universe = BuildUniverse();

    private static Labels[] BuildUniverse()
    {
        var result = new List<Labels>();
        foreach (var name in Names)
        foreach (var job in Jobs)
        foreach (var instance in Instances)
        {
            var pairs = new List<string> { Labels.MetricName, name, "job", job };
            if (instance != "c:3") pairs.AddRange(["instance", instance]);
            if (job == "api") pairs.AddRange(["path", name.Length % 2 == 0 ? "/x" : "/y\n"]);
            result.Add(Labels.FromPairs([.. pairs]));
        }
        return [.. result];
    }

    private static readonly ulong[] SpecialValues =
    [
        0x7ff0000000000002UL, // staleness marker
        0x7ff8000000000001UL, // another NaN
        BitConverter.DoubleToUInt64Bits(double.PositiveInfinity),
        BitConverter.DoubleToUInt64Bits(-0.0),
        1UL, // smallest subnormal
    ];

    public sealed record Op(int Series, long Time, ulong ValueBits, bool CommitAfter);

    public sealed record Query(List<MatcherSpec> Matchers, long Mint, long Maxt);

    public sealed record MatcherSpec(MatchType Type, string Name, string Value)
    {
        public Matcher ToMatcher() => Matcher.Create(Type, Name, Value);
    }

    private static Gen<Op> OpGen =>
        from series in Gen.Choose(0, Universe.Length - 1)
        from time in Gen.Choose(0, 60)
        from bits in Gen.OneOf(
            Gen.Choose(-5, 5).Select(i => BitConverter.DoubleToUInt64Bits(i * 1.5)),
            Gen.Elements(SpecialValues))
        from commit in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        select new Op(series, time * 10L, bits, commit);

    private static Gen<MatcherSpec> MatcherGen =>
        from type in Gen.Elements(MatchType.Equal, MatchType.NotEqual, MatchType.Regex, MatchType.NotRegex)
        from name in Gen.Elements(Labels.MetricName, "job", "instance", "path", "absent")
        from value in type is MatchType.Regex or MatchType.NotRegex
            ? Gen.Elements("", ".*", ".+", "a.*", "api|db", "(node|x)", "/.*", "[ab]:\\d", "up|")
            : Gen.Elements(["", .. Jobs, .. Instances, .. Names, "/x", "/y\n"])
        select new MatcherSpec(type, name, value);

    private static Gen<Query> QueryGen =>
        from matchers in Gen.ListOf(MatcherGen).Select(l => l.Take(3).ToList())
        from a in Gen.Choose(-10, 620)
        from b in Gen.Choose(-10, 620)
        select new Query(matchers, Math.Min(a, b), Math.Max(a, b));

    [Fact]
    public void SelectReturnsExactlyWhatTheModelHolds()
    {
        var scenario =
            from ops in Gen.ListOf(OpGen)
            from queries in Gen.ListOf(QueryGen).Select(q => q.Take(8).ToList())
            select (ops: ops.ToList(), queries);

        Prop.ForAll(scenario.ToArbitrary(), s => Run(s.ops, s.queries))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static void Run(List<Op> ops, List<Query> queries)
    {
        using var head = Head.Open(new HeadOptions());
        var model = new SeriesModel();
        var appender = head.Appender();
        foreach (var op in ops)
        {
            double value = BitConverter.UInt64BitsToDouble(op.ValueBits);
            var status = appender.Append(Universe[op.Series], op.Time, value, out _);
            Assert.Equal(model.Append(Universe[op.Series], op.Time, op.ValueBits), status);
            if (op.CommitAfter)
            {
                Assert.Equal(model.Commit(), appender.Commit());
            }
        }
        Assert.Equal(model.Commit(), appender.Commit());

        foreach (var query in queries) CheckQuery(head, model, query);
    }

    private static void CheckQuery(Head head, SeriesModel model, Query query)
    {
        var matchers = query.Matchers.Select(m => m.ToMatcher()).ToArray();
        var expected = model.Select(matchers, query.Mint, query.Maxt);
        using var querier = head.Querier(query.Mint, query.Maxt);

        var actual = new List<(Labels, List<(long, ulong)>)>();
        var set = querier.Select(matchers);
        while (set.MoveNext())
        {
            var samples = new List<(long, ulong)>();
            var it = set.Current.Iterator();
            while (it.Next()) samples.Add((it.Timestamp, BitConverter.DoubleToUInt64Bits(it.Value)));
            actual.Add((set.Current.Labels, samples));
        }
        string context = $"query {{{string.Join(", ", matchers.Select(m => m.ToString()))}}} [{query.Mint}, {query.Maxt}]";
        Assert.True(expected.Count == actual.Count, $"{context}: expected {expected.Count} series, got {actual.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Labels, actual[i].Item1);
            Assert.Equal(expected[i].Samples, actual[i].Item2);
        }

        // Batched reads see the same samples, whatever the batch size.
        foreach (int batch in new[] { 1, 3, 64 })
        {
            var batchSet = querier.Select(matchers);
            for (int i = 0; batchSet.MoveNext(); i++)
                Assert.Equal(expected[i].Samples, ReadInBatches(batchSet.Current.Iterator(), batch));
        }

        // An iterator handed back for reuse starts afresh, wherever the last read left it: not moved, moved a
        // few samples or read to its end. The head's series take back their own kind rather than allocate.
        ISampleIterator? reused = null;
        var reuseSet = querier.Select(matchers);
        for (int i = 0; reuseSet.MoveNext(); i++)
        {
            var left = reuseSet.Current.Iterator(reuse: reused);
            for (int moves = 0; moves < i % 4; moves++) left.Next();
            if (i % 4 == 3) left.Seek(long.MaxValue);
            reused = reuseSet.Current.Iterator(reuse: left);
            Assert.Same(left, reused);
            Assert.Equal(expected[i].Samples, ReadInBatches(reused, i % 2 == 0 ? 1 : 64));
        }

        var expectedNames = expected.SelectMany(s => s.Labels).Select(l => l.Name).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expectedNames, querier.LabelNames(matchers));
        var expectedJobs = expected.Select(s => s.Labels.Get("job")).Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expectedJobs, querier.LabelValues("job", matchers));
    }

    private static List<(long, ulong)> ReadInBatches(ISampleIterator it, int batch)
    {
        var samples = new List<(long, ulong)>();
        var points = new Point[batch];
        int read;
        do
        {
            read = it.NextBatch(points);
            for (int i = 0; i < read; i++) samples.Add((points[i].T, BitConverter.DoubleToUInt64Bits(points[i].F)));
        }
        while (read == batch);
        return samples;
    }

    /// <summary>Series m with samples 0..999 at 7 ms apart: several chunks.</summary>
    private static Head HeadWithSevenMillisecondSeries()
    {
        var head = Head.Open(new HeadOptions());
        var appender = head.Appender();
        var labels = Labels.FromPairs(Labels.MetricName, "m");
        for (int i = 0; i < 1000; i++) appender.Append(labels, i * 7L, i, out _);
        appender.Commit();
        return head;
    }

    private static ISeries OnlySeries(IQuerier querier)
    {
        // Counted on a set of its own: a set's current series is valid only until the set moves on.
        var counted = querier.Select(Matcher.Equal(Labels.MetricName, "m"));
        Assert.True(counted.MoveNext());
        Assert.False(counted.MoveNext());
        var set = querier.Select(Matcher.Equal(Labels.MetricName, "m"));
        Assert.True(set.MoveNext());
        return set.Current;
    }

    [Fact]
    public void BatchesCrossChunksAndStopAtTheRangeEndLikeNext()
    {
        using var head = HeadWithSevenMillisecondSeries();
        using var querier = head.Querier(100, 5000);
        var it = OnlySeries(querier).Iterator();
        Assert.True(it.Next());
        Assert.Equal(105, it.Timestamp);
        // After a Next, a batch goes on from the following sample, over several chunks, up to 5000.
        var points = new Point[1000];
        int read = it.NextBatch(points);
        Assert.Equal(Enumerable.Range(16, 714 - 16 + 1).Select(i => i * 7L), points[..read].Select(p => p.T));
        Assert.Equal(0, it.NextBatch(points));
        Assert.False(it.Next());
    }

    [Fact]
    public void SeekOnSelectedSeriesMatchesModel()
    {
        using var head = HeadWithSevenMillisecondSeries();
        using var querier = head.Querier(100, 5000);
        var it = OnlySeries(querier).Iterator();
        Assert.True(it.Seek(3001));
        Assert.Equal(3003, it.Timestamp);
        Assert.True(it.Seek(10)); // never moves back
        Assert.Equal(3003, it.Timestamp);
        Assert.True(it.Next());
        Assert.Equal(3010, it.Timestamp);
        Assert.False(it.Seek(5001));
    }
}
