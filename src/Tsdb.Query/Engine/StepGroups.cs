using System.Runtime.CompilerServices;
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
    private readonly AggregationOp _op = op;
    private readonly List<Labels> _keys = [];
    private readonly Dictionary<Labels, int> _indexOfKey = [];
    private readonly List<GroupAccumulator[]> _states = [];
    private readonly List<int>?[] _orderAtStep = new List<int>?[steps];

    /// <summary>The index of the group with this key, created when new.</summary>
    public int GroupOf(Labels key)
    {
        if (_indexOfKey.TryGetValue(key, out int g)) return g;
        g = _keys.Count;
        _indexOfKey.Add(key, g);
        _keys.Add(key);
        _states.Add(new GroupAccumulator[steps]);
        return g;
    }

    /// <summary>Where the values of one series of group <paramref name="g"/> go, by step.</summary>
    public GroupSink Slots(int g) => new(this, g);

    /// <summary>
    /// Adds the points of one series of group <paramref name="g"/>: step times in ascending order, as an
    /// evaluation produces them (found by walking the steps, not by dividing per point).
    /// </summary>
    public void AddSeries(int g, ReadOnlySpan<Point> points)
    {
        var slots = Slots(g);
        int step = 0;
        long stepTime = start;
        foreach (var p in points)
        {
            while (stepTime < p.T)
            {
                step++;
                stepTime += interval;
            }
            slots.Put(step, p.T, p.F);
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
                var point = new Point(ts, _states[g][step].Result(_op));
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

    /// <summary>
    /// One group's slots, taking a series' values step by step: a step's first value starts its state and
    /// enters the group in that step's order, later ones accumulate.
    /// </summary>
    public readonly struct GroupSink(StepGroups groups, int g) : IStepSink
    {
        private readonly GroupAccumulator[] _states = groups._states[g];
        private readonly AggregationOp _op = groups._op;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Put(int step, long ts, double value)
        {
            ref var state = ref _states[step];
            if (state.IsEmpty) StartStep(ref state, step, value);
            else state.Add(_op, value);
        }

        /// <summary>Out of line: most values go to a step the group already has.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void StartStep(ref GroupAccumulator state, int step, double value)
        {
            state = GroupAccumulator.Start(_op, value);
            (groups._orderAtStep[step] ??= []).Add(g);
        }
    }
}
