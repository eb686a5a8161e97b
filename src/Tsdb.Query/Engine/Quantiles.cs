namespace Tsdb.Query.Engine;

/// <summary>The φ-quantile of quantile() and quantile_over_time(): linear interpolation between ranks.</summary>
internal static class Quantiles
{
    public static double Of(double q, List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        if (q < 0) return double.NegativeInfinity;
        if (q > 1) return double.PositiveInfinity;
        // NaN sorts first, as in Prometheus.
        values.Sort(static (a, b) => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : -1) : double.IsNaN(b) ? 1 : a.CompareTo(b));
        double n = values.Count;
        double rank = q * (n - 1);
        double lower = Math.Max(0, Math.Floor(rank));
        double upper = Math.Min(n - 1, lower + 1);
        double weight = rank - Math.Floor(rank);
        return values[(int)lower] * (1 - weight) + values[(int)upper] * weight;
    }
}
