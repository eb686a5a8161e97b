using BenchmarkDotNet.Attributes;
using Tsdb.Storage;
using Tsdb.Storage.Wal;

namespace Tsdb.Benchmarks.HeadStore;

/// <summary>
/// Appending one sample to each of 100k series through cached references, in batches of 1000 samples
/// per commit (a scrape or a remote_write request), from one or two threads. Times are per sample.
/// </summary>
[MemoryDiagnoser]
public class HeadAppendBenchmarks
{
    private const int SeriesCount = 100_000;
    private const int BatchSize = 1000;
    private const long IntervalMs = 15_000;

    private Storage.Head _head = null!;
    private SeriesRef[] _refs = [];
    private IAppender[] _appenders = [];
    private string? _walDirectory;
    private long _time;

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(false, true)]
    public bool Wal { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _walDirectory = Wal ? Directory.CreateTempSubdirectory("tsdb-bench-wal-").FullName : null;
        _head = Storage.Head.Open(new HeadOptions
        {
            Wal = _walDirectory is null ? null : new WalOptions(_walDirectory) { SyncPolicy = WalSyncPolicy.None },
        });
        _refs = new SeriesRef[SeriesCount];
        var appender = _head.Appender();
        for (int i = 0; i < SeriesCount; i++)
        {
            appender.Append(SyntheticSeries.Create(i), 0, 0, out _refs[i]);
            if (i % BatchSize == BatchSize - 1) appender.Commit();
        }
        appender.Commit();
        _appenders = Enumerable.Range(0, Threads).Select(_ => _head.Appender()).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _head.Dispose();
        if (_walDirectory is not null) Directory.Delete(_walDirectory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = SeriesCount)]
    public void AppendByCachedRef()
    {
        long t = _time += IntervalMs;
        if (Threads == 1)
        {
            AppendRange(_appenders[0], 0, SeriesCount, t);
            return;
        }
        int per = SeriesCount / Threads;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads },
            w => AppendRange(_appenders[w], w * per, w == Threads - 1 ? SeriesCount : (w + 1) * per, t));
    }

    private void AppendRange(IAppender appender, int from, int to, long t)
    {
        for (int i = from; i < to; i++)
        {
            appender.Append(_refs[i], t, i * 0.5 + t);
            if ((i - from) % BatchSize == BatchSize - 1) appender.Commit();
        }
        appender.Commit();
    }
}
