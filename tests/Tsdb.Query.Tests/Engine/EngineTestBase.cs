using Tsdb.Query.Engine;
using Tsdb.Storage;

namespace Tsdb.Query.Tests.Engine;

/// <summary>Helpers to run queries against loaded data and read results by their rendered labels.</summary>
public abstract class EngineTestBase
{
    protected static readonly PromQLEngine Engine = new(new EngineOptions());

    protected const long Minute = 60_000;

    internal static Head Load(string script) => SeriesLoader.Load(script);

    /// <summary>An instant query's vector as "labels" → value.</summary>
    internal static Dictionary<string, double> InstantVector(Head head, string query, long t)
    {
        var value = Engine.Instant(head, query, t, CancellationToken.None).Value;
        var vector = Assert.IsType<Vector>(value);
        return vector.Samples.ToDictionary(s => s.Metric.ToString(), s => s.F);
    }

    internal static double InstantScalarOrSingle(Head head, string query, long t)
    {
        var value = Engine.Instant(head, query, t, CancellationToken.None).Value;
        return value switch
        {
            Scalar s => s.F,
            Vector v => Assert.Single(v.Samples).F,
            _ => throw new InvalidOperationException($"unexpected {value.TypeName}"),
        };
    }

    /// <summary>A range query's matrix as "labels" → points.</summary>
    internal static Dictionary<string, List<Point>> RangeMatrix(Head head, string query, long start, long end, long step)
    {
        var matrix = Assert.IsType<Matrix>(Engine.Range(head, query, start, end, step, CancellationToken.None).Value);
        return matrix.Series.ToDictionary(s => s.Metric.ToString(), s => s.Points);
    }

    internal static QueryException Fails(Head head, string query, long t) =>
        Assert.Throws<QueryException>(() => Engine.Instant(head, query, t, CancellationToken.None));

    protected static void Near(double expected, double actual, double tolerance = 1e-9)
    {
        if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual), $"expected NaN, got {actual}");
        else if (double.IsInfinity(expected)) Assert.Equal(expected, actual);
        else Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
    }
}
