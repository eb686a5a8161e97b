namespace Tsdb.Load.Queries;

/// <summary>Nearest-rank percentiles of a set of measurements.</summary>
public static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    public static T Of<T>(IReadOnlyList<T> values, double percent) where T : IComparable<T>
    {
        if (values.Count == 0) throw new ArgumentException("no values to take a percentile of", nameof(values));
        if (percent is <= 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentile is in (0, 100]");
        var sorted = values.Order().ToArray();
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[rank - 1];
    }
}
