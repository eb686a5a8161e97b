using BenchmarkDotNet.Attributes;
using Tsdb.Storage;
using Tsdb.Storage.Index;

namespace Tsdb.Benchmarks.HeadStore;

/// <summary>Resolving a three-matcher selector to series references over a head of 1M series.</summary>
[MemoryDiagnoser]
public class MatcherResolutionBenchmarks
{
    private const int SeriesCount = 1_000_000;

    private Storage.Head _head = null!;
    private Matcher[] _matchers = [];

    public enum Selector
    {
        /// <summary><c>{__name__="http_requests_total", job="api", instance=~"host-1.*"}</c></summary>
        EqualEqualRegex,
        /// <summary><c>{__name__="node_cpu_seconds_total", mode!="idle", instance=~"host-(1|2|3)0:9100"}</c></summary>
        EqualNotEqualAlternation,
        /// <summary><c>{job=~"api|web", code=~"5..", method!~"GET|PUT"}</c></summary>
        RegexRegexNotRegex,
    }

    [Params(Selector.EqualEqualRegex, Selector.EqualNotEqualAlternation, Selector.RegexRegexNotRegex)]
    public Selector Query { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _head = Storage.Head.Open(new HeadOptions());
        var appender = _head.Appender();
        for (int i = 0; i < SeriesCount; i++)
        {
            appender.Append(SyntheticSeries.Create(i), 0, 1, out _);
            if (i % 1000 == 999) appender.Commit();
        }
        appender.Commit();
        _matchers = Query switch
        {
            Selector.EqualEqualRegex =>
                [Matcher.Equal(Labels.MetricName, "http_requests_total"), Matcher.Equal("job", "api"), Matcher.Regex("instance", "host-1.*")],
            Selector.EqualNotEqualAlternation =>
                [Matcher.Equal(Labels.MetricName, "node_cpu_seconds_total"), Matcher.NotEqual("mode", "idle"), Matcher.Regex("instance", "host-(1|2|3)0:9100")],
            _ =>
                [Matcher.Regex("job", "api|web"), Matcher.Regex("code", "5.."), Matcher.NotRegex("method", "GET|PUT")],
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _head.Dispose();

    [Benchmark]
    public int Resolve() => MatcherResolver.Resolve(_head.Postings, _matchers).Count;
}
