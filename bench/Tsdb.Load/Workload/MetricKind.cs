namespace Tsdb.Load.Workload;

/// <summary>How a series' value moves from one round to the next.</summary>
public enum MetricKind
{
    /// <summary>Grows by a varying whole or fractional amount every round.</summary>
    Counter,

    /// <summary>Wanders around a level.</summary>
    Gauge,

    /// <summary>A cumulative histogram bucket: grows by the share of its instance's requests at or below its bound.</summary>
    Bucket,
}
