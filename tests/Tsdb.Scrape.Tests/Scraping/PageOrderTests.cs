using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Scrape.Parsing;
using Tsdb.Scrape.Scraping;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>
/// Lines are predicted from the last successful page's order; over random runs of pages that add, drop,
/// reorder and respell series, and of failed scrapes, every line's value still goes to its own series.
/// Texts include names that extend one another and spellings of one series, where a wrong prediction
/// taken as right would show.
/// </summary>
public class PageOrderTests
{
    // Each text and the series (name, label k) it names.
    private static readonly (string Text, string Series)[] Pool =
    [
        ("up", "up"),
        ("up_total", "up_total"),
        ("up{k=\"1\"}", "up/1"),
        ("up {k=\"1\",}", "up/1"),
        ("up{k=\"10\"}", "up/10"),
        ("up_total{k=\"1\"}", "up_total/1"),
        ("other{k=\"2\",z=\"a\"}", "other/2"),
        ("other{z=\"a\",k=\"2\"}", "other/2"),
    ];

    private static readonly Gen<(int[] Order, bool Fails)> Scrape =
        from order in Gen.Shuffle(Enumerable.Range(0, Pool.Length).ToArray())
        from length in Gen.Choose(0, Pool.Length)
        from fails in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        select (order.Take(length).ToArray(), fails);

    [Fact]
    public void TheExpectedTextFollowsTheLastSuccessfulPage()
    {
        static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
        var cache = new ScrapeCache();
        Assert.Null(cache.ExpectedText);
        foreach (var text in new[] { "a", "b", "c" }) cache.Add(Text(text), Labels.FromPairs("__name__", text));
        cache.EndScrape(succeeded: true);

        Assert.Equal("a", Encoding.UTF8.GetString(cache.ExpectedText!));
        Assert.Equal("a", cache.FindExpected().Labels!.Get(Labels.MetricName));
        Assert.Equal("b", Encoding.UTF8.GetString(cache.ExpectedText!));
        // b is gone: the lookup finds c, and the order goes on after it (here, the page's end).
        Assert.NotNull(cache.Find(Text("c")));
        Assert.Null(cache.ExpectedText);
        cache.Add(Text("d"), Labels.FromPairs("__name__", "d"));
        cache.EndScrape(succeeded: true);

        Assert.Equal("a", Encoding.UTF8.GetString(cache.ExpectedText!));
        Assert.NotNull(cache.Find(Text("c")));
        Assert.Equal("d", Encoding.UTF8.GetString(cache.ExpectedText!));
        cache.EndScrape(succeeded: false);
        Assert.Null(cache.ExpectedText);
    }

    [Fact]
    public void EveryLineGoesToItsOwnSeries()
    {
        // Runs repeat pages, as exporters do, so that predictions are mostly taken.
        var runs = Gen.ArrayOf(Scrape.SelectMany(s => Gen.Choose(1, 3), (s, n) => Enumerable.Repeat(s, n)))
            .Select(pages => pages.SelectMany(p => p).Take(16).ToArray()).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(runs, run => CheckRun(run)));
    }

    private static void CheckRun((int[] Order, bool Fails)[] run)
    {
        var target = TestTargets.For(new Uri("http://127.0.0.1:9100/metrics"));
        var cache = new ScrapeCache();
        var ingester = new ScrapeIngester(target, cache);
        var appender = new RecordingAppender();
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText);

        long timestamp = 0;
        foreach (var (order, fails) in run)
        {
            timestamp += 1000;
            var page = new StringBuilder();
            var expected = new List<(string Series, double Value)>();
            foreach (int text in order)
            {
                double value = timestamp + expected.Count;
                page.Append(Pool[text].Text).Append(' ').Append(value).Append('\n');
                expected.Add((Pool[text].Series, value));
            }
            var pipe = PipeReader.Create(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(page.ToString())));
            using (var reader = new PipeExpositionReader(pipe, parser))
                ingester.IngestAsync(reader, appender, timestamp, CancellationToken.None).AsTask().GetAwaiter().GetResult();

            Assert.Equal(expected, appender.TakeSamples());
            cache.EndScrape(succeeded: !fails);
            Assert.Equal(order.Length, ingester.Scraped);
        }
    }

    /// <summary>An appender that lists the samples appended, by the series their labels name.</summary>
    private sealed class RecordingAppender : IAppender
    {
        private readonly Dictionary<Labels, SeriesRef> _refs = new();
        private readonly Dictionary<SeriesRef, string> _series = new();
        private readonly List<(string Series, double Value)> _samples = new();

        public AppendStatus Append(Labels labels, long timestamp, double value, out SeriesRef seriesRef)
        {
            if (!_refs.TryGetValue(labels, out seriesRef))
            {
                seriesRef = new SeriesRef((ulong)_refs.Count + 1);
                _refs[labels] = seriesRef;
                string k = labels.Get("k");
                _series[seriesRef] = k.Length == 0 ? labels.Get(Labels.MetricName) : $"{labels.Get(Labels.MetricName)}/{k}";
            }
            return Append(seriesRef, timestamp, value);
        }

        public AppendStatus Append(SeriesRef seriesRef, long timestamp, double value)
        {
            if (!_series.TryGetValue(seriesRef, out var series)) return AppendStatus.UnknownSeries;
            if (!StaleMarker.Is(value)) _samples.Add((series, value));
            return AppendStatus.Ok;
        }

        public CommitResult Commit() => default;

        public void Rollback()
        {
        }

        public List<(string Series, double Value)> TakeSamples()
        {
            var taken = _samples.ToList();
            _samples.Clear();
            return taken;
        }
    }
}
