using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>One element of a range vector: a series' labels and its points in ascending time.</summary>
public sealed class Series(Labels metric, List<Point> points)
{
    public Labels Metric { get; internal set; } = metric;

    public List<Point> Points { get; } = points;
}
