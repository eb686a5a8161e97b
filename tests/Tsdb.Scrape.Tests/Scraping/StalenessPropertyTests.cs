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
/// Staleness against a model of Prometheus's rule, over random runs of scrapes: a successful scrape marks
/// stale the series the last successful scrape stored and it did not; a failed one marks all of those; the
/// end of the run marks those of the last success. Series appear under two spellings (label order), which
/// name one series and must get one marker.
/// </summary>
public class StalenessPropertyTests
{
    private const int SeriesInPool = 5;

    // Per series in a page: absent, first spelling, second spelling, or both.
    private static readonly Gen<(int[] Spellings, bool Fails)> Scrape =
        from spellings in Gen.ArrayOf(Gen.Choose(0, 3), SeriesInPool)
        from fails in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        select (spellings, fails);

    [Fact]
    public void MarkersAreExactlyTheSeriesOfTheLastSuccessThatVanished()
    {
        var runs = Gen.ArrayOf(Scrape).Select(a => a.Take(12).ToArray()).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(runs, run => CheckRun(run)));
    }

    private static void CheckRun((int[] Spellings, bool Fails)[] run)
    {
        var target = TestTargets.For(new Uri("http://127.0.0.1:9100/metrics"));
        var cache = new ScrapeCache();
        var ingester = new ScrapeIngester(target, cache);
        var appender = new RecordingAppender();
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText);
        var storedByLastSuccess = new HashSet<int>();

        long timestamp = 0;
        foreach (var (spellings, fails) in run)
        {
            timestamp += 1000;
            var pipe = PipeReader.Create(new ReadOnlySequence<byte>(Page(spellings)));
            using (var reader = new PipeExpositionReader(pipe, parser))
                ingester.IngestAsync(reader, appender, timestamp, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var present = Enumerable.Range(0, SeriesInPool).Where(k => spellings[k] != 0).ToHashSet();
            var expected = new HashSet<int>(storedByLastSuccess);
            if (fails)
            {
                // As the scrape loop does when the page turns out bad after its samples were tracked.
                appender.Rollback();
                cache.AppendStaleMarkersForAll(appender, timestamp);
            }
            else
            {
                expected.ExceptWith(present);
            }
            appender.Commit();
            cache.EndScrape(succeeded: !fails);
            Assert.Equal(expected.Order(), appender.TakeMarkers(timestamp));
            storedByLastSuccess = fails ? [] : present;
        }

        timestamp += 1000;
        cache.AppendStaleMarkersForAll(appender, timestamp);
        appender.Commit();
        Assert.Equal(storedByLastSuccess.Order(), appender.TakeMarkers(timestamp));
    }

    private static byte[] Page(int[] spellings)
    {
        var page = new StringBuilder();
        for (int k = 0; k < spellings.Length; k++)
        {
            if ((spellings[k] & 1) != 0) page.Append("s{k=\"").Append(k).Append("\",z=\"a\"} 1\n");
            if ((spellings[k] & 2) != 0) page.Append("s{z=\"a\",k=\"").Append(k).Append("\"} 1\n");
        }
        return Encoding.UTF8.GetBytes(page.ToString());
    }

    /// <summary>An appender that keeps committed staleness markers by series number (label k).</summary>
    private sealed class RecordingAppender : IAppender
    {
        private readonly Dictionary<Labels, SeriesRef> _refs = new();
        private readonly Dictionary<SeriesRef, int> _seriesNumbers = new();
        private readonly List<(int Series, long Timestamp)> _pending = new();
        private readonly List<(int Series, long Timestamp)> _markers = new();

        public AppendStatus Append(Labels labels, long timestamp, double value, out SeriesRef seriesRef)
        {
            if (!_refs.TryGetValue(labels, out seriesRef))
            {
                seriesRef = new SeriesRef((ulong)_refs.Count + 1);
                _refs[labels] = seriesRef;
                _seriesNumbers[seriesRef] = int.Parse(labels.Get("k"));
            }
            return Append(seriesRef, timestamp, value);
        }

        public AppendStatus Append(SeriesRef seriesRef, long timestamp, double value)
        {
            if (!_seriesNumbers.TryGetValue(seriesRef, out int series)) return AppendStatus.UnknownSeries;
            if (StaleMarker.Is(value)) _pending.Add((series, timestamp));
            return AppendStatus.Ok;
        }

        public CommitResult Commit()
        {
            _markers.AddRange(_pending);
            _pending.Clear();
            return default;
        }

        public void Rollback() => _pending.Clear();

        /// <summary>The series marked stale at <paramref name="timestamp"/>, in order, each as often as marked.</summary>
        public List<int> TakeMarkers(long timestamp)
        {
            var taken = _markers.Where(m => m.Timestamp == timestamp).Select(m => m.Series).Order().ToList();
            _markers.RemoveAll(m => m.Timestamp == timestamp);
            return taken;
        }
    }
}
