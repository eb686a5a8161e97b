using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>A range vector: series with their points.</summary>
public sealed class Matrix(List<Series> series) : QueryValue
{
    public List<Series> Series { get; } = series;

    public override string TypeName => "matrix";

    internal int TotalPoints()
    {
        int n = 0;
        foreach (var s in Series) n += s.Points.Count;
        return n;
    }

    /// <summary>Sorts the series by labels, the order of a range query's result.</summary>
    internal void SortByLabels() => LabelOrder.Sort(Series, static s => s.Metric);
}
