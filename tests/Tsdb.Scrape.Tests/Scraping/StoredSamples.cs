using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Scraping;

/// <summary>Reads back what scrapes stored.</summary>
internal static class StoredSamples
{
    /// <summary>The samples of the one series matching the label pairs; empty when there is none.</summary>
    public static List<(long Timestamp, double Value)> Of(Tsdb.Storage.IQueryable storage, params string[] namesAndValues)
    {
        var series = Series(storage, namesAndValues);
        Assert.True(series.Count <= 1, $"expected at most one series, found {string.Join(", ", series.Select(s => s.Labels))}");
        return series.Count == 0 ? [] : series[0].Samples;
    }

    public static List<(Labels Labels, List<(long Timestamp, double Value)> Samples)> Series(
        Tsdb.Storage.IQueryable storage, params string[] namesAndValues)
    {
        var matchers = new Matcher[namesAndValues.Length / 2];
        for (int i = 0; i < matchers.Length; i++) matchers[i] = Matcher.Equal(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        using var querier = storage.Querier(long.MinValue, long.MaxValue);
        var set = querier.Select(matchers);
        var result = new List<(Labels, List<(long, double)>)>();
        while (set.MoveNext())
        {
            var samples = new List<(long, double)>();
            var iterator = set.Current.Iterator();
            while (iterator.Next()) samples.Add((iterator.Timestamp, iterator.Value));
            result.Add((set.Current.Labels, samples));
        }
        return result;
    }

    /// <summary>Polls until the condition holds, failing with <paramref name="what"/> after the deadline.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, int timeoutMilliseconds = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
