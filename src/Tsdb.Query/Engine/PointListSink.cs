using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>Collects step values as one output series' points; the list is created at the first value.</summary>
internal struct PointListSink(int capacity) : IStepSink
{
    public List<Point>? Points { get; private set; }

    public void Put(int step, long ts, double value) => (Points ??= new List<Point>(capacity)).Add(new Point(ts, value));
}
