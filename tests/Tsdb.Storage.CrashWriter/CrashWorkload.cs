using Tsdb.Storage;

/// <summary>What the crash writer appends, shared with the test that verifies it.</summary>
public static class CrashWorkload
{
    public static Labels[] SeriesLabels(int count) =>
        Enumerable.Range(0, count)
            .Select(i => Labels.FromPairs(Labels.MetricName, "crash_test_samples", "series", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();

    /// <summary>Distinct per series and time; every tenth value is the staleness marker, which must survive bit for bit.</summary>
    public static double ValueAt(int series, long t) =>
        t % 10 == 0 ? BitConverter.UInt64BitsToDouble(0x7ff0000000000002UL) : t * 0.25 + series;
}
