using System.Diagnostics;
using Tsdb.Storage;

namespace Tsdb.Benchmarks.HeadStore;

/// <summary>
/// Fills a head with series of 10 labels and 120 samples each (one full chunk) and reports the managed
/// bytes per series besides the chunk bytes: labels, strings, index, series objects and lookup tables.
/// </summary>
internal static class HeadMemoryReport
{
    public const string Command = "head-memory";
    private const int SamplesPerSeries = 120;

    public static void Run(TextWriter output, int seriesCount)
    {
        long before = SettledHeapBytes();
        long rssBefore = Environment.WorkingSet;
        var stopwatch = Stopwatch.StartNew();
        using var head = Storage.Head.Open(new HeadOptions());
        var refs = new SeriesRef[seriesCount];
        var appender = head.Appender();
        for (int i = 0; i < seriesCount; i++)
        {
            appender.Append(SyntheticSeries.Create(i), 0, i, out refs[i]);
            if (i % 1000 == 999) appender.Commit();
        }
        appender.Commit();
        for (int s = 1; s < SamplesPerSeries; s++)
        {
            for (int i = 0; i < seriesCount; i++)
            {
                appender.Append(refs[i], s * 15_000L, i + s * (i % 7));
                if (i % 1000 == 999) appender.Commit();
            }
            appender.Commit();
        }
        stopwatch.Stop();
        refs = [];
        long after = SettledHeapBytes();
        long rssAfter = Environment.WorkingSet;
        long chunkBytes = head.ChunkBytes();
        long total = after - before;
        output.WriteLine($"series: {seriesCount:N0}, samples per series: {SamplesPerSeries}, labels per series: 10");
        output.WriteLine($"managed heap growth: {total / 1048576.0:F1} MiB, chunk bytes: {chunkBytes / 1048576.0:F1} MiB");
        output.WriteLine($"bytes per series besides chunks: {(total - chunkBytes) / (double)seriesCount:F0}");
        output.WriteLine($"chunk bytes per series: {chunkBytes / (double)seriesCount:F0} ({chunkBytes / (double)(seriesCount * (long)SamplesPerSeries):F2} bytes/sample)");
        output.WriteLine($"resident memory growth per series, chunks included: {(rssAfter - rssBefore) / (double)seriesCount:F0} bytes");
        output.WriteLine($"fill time: {stopwatch.Elapsed.TotalSeconds:F1} s");
        GC.KeepAlive(head);
    }

    private static long SettledHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
