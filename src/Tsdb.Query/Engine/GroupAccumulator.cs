using System.Runtime.CompilerServices;
using Tsdb.Query.Parsing;

namespace Tsdb.Query.Engine;

/// <summary>
/// One group's running state for the aggregations that keep a number rather than samples (sum, avg, count,
/// min, max, group, stddev, stdvar), updated in Prometheus 2.42's order of operations so results agree bit
/// for bit: a plain running sum, an incremental mean, Welford's variance.
/// </summary>
internal struct GroupAccumulator
{
    private double _value;
    private double _mean;
    private int _count;

    /// <summary>Whether <paramref name="op"/> needs only this state (no heap of samples, no parameter).</summary>
    public static bool Handles(AggregationOp op) => op is AggregationOp.Sum or AggregationOp.Avg or AggregationOp.Count
        or AggregationOp.Min or AggregationOp.Max or AggregationOp.Group or AggregationOp.Stddev or AggregationOp.Stdvar;

    /// <summary>Whether no sample has started this state yet (a default value; every started state counts one or more).</summary>
    public readonly bool IsEmpty => _count == 0;

    /// <summary>The state after the group's first sample.</summary>
    public static GroupAccumulator Start(AggregationOp op, double v) => new()
    {
        _value = op switch
        {
            AggregationOp.Stddev or AggregationOp.Stdvar => 0,
            AggregationOp.Group => 1,
            _ => v,
        },
        _mean = v,
        _count = 1,
    };

    /// <summary>Adds a sample; a sum, by far the most common, inline, the other operators out of line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(AggregationOp op, double v)
    {
        if (op == AggregationOp.Sum) _value += v;
        else AddOther(op, v);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddOther(AggregationOp op, double v)
    {
        switch (op)
        {
            case AggregationOp.Avg:
                _count++;
                if (double.IsInfinity(_mean))
                {
                    // An infinite mean stays as it is unless a NaN or the opposite infinity comes along;
                    // the update below would turn it into NaN.
                    if (double.IsInfinity(v) && (_mean > 0) == (v > 0)) break;
                    if (!double.IsInfinity(v) && !double.IsNaN(v)) break;
                }
                _mean += v / _count - _mean / _count;
                break;
            case AggregationOp.Count or AggregationOp.CountValues: _count++; break;
            case AggregationOp.Max:
                if (_value < v || double.IsNaN(_value)) _value = v;
                break;
            case AggregationOp.Min:
                if (_value > v || double.IsNaN(_value)) _value = v;
                break;
            case AggregationOp.Stddev or AggregationOp.Stdvar:
                _count++;
                var delta = v - _mean;
                _mean += delta / _count;
                _value += delta * (v - _mean);
                break;
        }
    }

    public readonly double Result(AggregationOp op) => op switch
    {
        AggregationOp.Avg => _mean,
        AggregationOp.Count or AggregationOp.CountValues => _count,
        AggregationOp.Stdvar => _value / _count,
        AggregationOp.Stddev => Math.Sqrt(_value / _count),
        _ => _value,
    };
}
