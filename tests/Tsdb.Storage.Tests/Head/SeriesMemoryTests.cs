using System.Runtime.CompilerServices;

namespace Tsdb.Storage.Tests;

/// <summary>
/// Runs alone (no other test allocates meanwhile), because it weighs the whole managed heap before and
/// after building series.
/// </summary>
[CollectionDefinition(nameof(SeriesMemoryTests), DisableParallelization = true)]
[Collection(nameof(SeriesMemoryTests))]
public class SeriesMemoryTests
{
    private const int SeriesCount = 20_000;
    private const int SamplesPerSeries = 40;

    // Measured at 389 bytes with these labels and values (98 of them samples; 416 before the series kept its label
    // numbers instead of a label set object, 450 before the open chunk's encoder state moved into the series
    // object); the bound leaves about 5% for runtime differences, less than another object or dictionary entry
    // per series would add.
    private const int MaxManagedBytesPerSeries = 410;

    [Fact]
    public void A_series_of_five_labels_and_40_samples_holds_few_managed_bytes()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var head = BuildHead();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(head);

        Assert.Equal(SeriesCount, head.SeriesCount);
        double perSeries = (after - before) / (double)SeriesCount;
        Assert.True(perSeries <= MaxManagedBytesPerSeries, $"{perSeries:F0} managed bytes a series, more than {MaxManagedBytesPerSeries}");
    }

    /// <summary>
    /// Builds the series in a method of its own, so that nothing but the head outlives it: an unoptimised (Debug)
    /// build keeps every local of a method alive to its end, and the last request's labels and the appender's
    /// buffers then counted as the series' bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Head BuildHead()
    {
        string[] modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
        var head = Head.Open(new HeadOptions());
        var refs = new SeriesRef[SeriesCount];
        var appender = head.Appender();
        for (int round = 0; round < SamplesPerSeries; round++)
        {
            long timestamp = 1_700_000_000_000 + round * 15_000L;
            for (int i = 0; i < SeriesCount; i++)
            {
                // A request counter: whole increments that vary from round to round.
                double value = i % 100 + round * (40 + i % 7) + round % 3;
                if (round == 0)
                {
                    var labels = Labels.FromPairs(
                        "__name__", "node_cpu_seconds_total", "cpu", (i / 8 % 4).ToString(),
                        "instance", $"node-{i / 32:D5}:9100", "job", "node", "mode", modes[i % 8]);
                    appender.Append(labels, timestamp, value, out refs[i]);
                }
                else
                {
                    appender.Append(refs[i], timestamp, value);
                }
            }
            appender.Commit();
        }
        return head;
    }
}
