using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>
/// The running state of an aggregation at every step for every group, filled one series at a time (each
/// series' points in turn, so memory is read in order) yet equal to a step-by-step evaluation: each
/// (group, step) cell sees its values in series order, and each step lists its groups in the order they
/// first appeared there.
/// </summary>
internal sealed class StepGroups(AggregationOp op, long start, long interval, int steps)
{
    private readonly List<Labels> _keys = [];
    private readonly Dictionary<Labels, int> _indexOfKey = [];
    private readonly List<GroupAccumulator[]> _states = [];
    private readonly List<bool[]> _seen = [];
    private readonly List<int>?[] _orderAtStep = new List<int>?[steps];

    /// <summary>The index of the group with this key, created when new.</summary>
    public int GroupOf(Labels key)
    {
        if (_indexOfKey.TryGetValue(key, out int g)) return g;
        g = _keys.Count;
        _indexOfKey.Add(key, g);
        _keys.Add(key);
        _states.Add(new GroupAccumulator[steps]);
        _seen.Add(new bool[steps]);
        return g;
    }

    /// <summary>
    /// Adds the points of one series of group <paramref name="g"/>: step times in ascending order, as an
    /// evaluation produces them (found by walking the steps, not by dividing per point).
    /// </summary>
    public void AddSeries(int g, ReadOnlySpan<Point> points)
    {
        var seen = _seen[g];
        var states = _states[g];
        int step = 0;
        long stepTime = start;
        foreach (var p in points)
        {
            while (stepTime < p.T)
            {
                step++;
                stepTime += interval;
            }
            if (seen[step])
            {
                states[step].Add(op, p.F);
                continue;
            }
            seen[step] = true;
            states[step] = GroupAccumulator.Start(op, p.F);
            (_orderAtStep[step] ??= []).Add(g);
        }
    }

    /// <summary>
    /// The result series, in the order their groups first appear step by step; <paramref name="take"/> is
    /// told how many samples each step yields, before that step is gathered.
    /// </summary>
    public List<Series> ToSeries(Action<int> take)
    {
        var outputOfGroup = new Series?[_keys.Count];
        var result = new List<Series>();
        for (int step = 0; step < steps; step++)
        {
            if (_orderAtStep[step] is not { } order) continue;
            take(order.Count);
            long ts = start + step * interval;
            foreach (int g in order)
            {
                var point = new Point(ts, _states[g][step].Result(op));
                if (outputOfGroup[g] is { } existing)
                {
                    existing.Points.Add(point);
                    continue;
                }
                var created = new Series(_keys[g], new List<Point>(steps == 1 ? 1 : steps - step) { point });
                // A single step keeps one series per output sample, as a step-by-step evaluation does.
                if (steps > 1) outputOfGroup[g] = created;
                result.Add(created);
            }
        }
        return result;
    }
}
