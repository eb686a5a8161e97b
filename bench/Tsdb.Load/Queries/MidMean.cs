namespace Tsdb.Load.Queries;

/// <summary>
/// The interquartile mean: the mean of the middle half of a set of measurements, the lowest and highest
/// quarter left out. Like a median it ignores the outliers of a noisy machine; unlike a median it moves
/// smoothly when the measurements fall into two groups. A garbage collection that lands on a query in some
/// rounds and not in others makes two such groups, and a median of a dozen rounds then jumps from one group
/// to the other with a round or two more or less in either, where the mid-mean shifts by as little.
/// </summary>
public static class MidMean
{
    public static double Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values to take a mean of", nameof(values));
        int quarter = values.Count / 4;
        return values.Order().Skip(quarter).Take(values.Count - 2 * quarter).Average();
    }
}
