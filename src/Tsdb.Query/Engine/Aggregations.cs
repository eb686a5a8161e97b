using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>The aggregation operators over one step's vector, grouped as Prometheus groups them.</summary>
internal static class Aggregations
{
    private sealed class Group(Labels labels, GroupAccumulator state)
    {
        public Labels Labels { get; } = labels;
        public GroupAccumulator State = state;
        public List<Sample>? Heap;
    }

    public static void Aggregate(AggregationOp op, double param, string? valueLabel, List<Sample> vector, long ts,
        Func<Labels, Labels> groupOf, List<Sample> output)
    {
        long k = 0;
        if (op is AggregationOp.Topk or AggregationOp.Bottomk)
        {
            if (!(param <= 9223372036854775807.0 && param >= -9223372036854775808.0))
                throw new QueryException(QueryErrorType.Execution, $"Scalar value {GoFloat.Format(param)} overflows int64");
            k = GoMath.ToInt64(param);
            if (k < 1) return;
        }

        var groups = new Dictionary<Labels, Group>();
        var ordered = new List<Group>();
        foreach (var sample in vector)
        {
            var metric = sample.Metric;
            if (valueLabel is not null) metric = LabelSets.With(metric, valueLabel, GoFloatText.FormatPlain(sample.F));
            var key = groupOf(metric);
            var v = sample.F;
            if (!groups.TryGetValue(key, out var g))
            {
                g = new Group(key, GroupAccumulator.Start(op, v));
                groups.Add(key, g);
                ordered.Add(g);
                if (op is AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile) g.Heap = [sample];
                continue;
            }
            switch (op)
            {
                case AggregationOp.Topk:
                    OfferTop(g.Heap!, sample, k, bottom: false);
                    break;
                case AggregationOp.Bottomk:
                    OfferTop(g.Heap!, sample, k, bottom: true);
                    break;
                case AggregationOp.Quantile:
                    g.Heap!.Add(sample);
                    break;
                default:
                    g.State.Add(op, v);
                    break;
            }
        }

        foreach (var g in ordered)
        {
            double value;
            switch (op)
            {
                case AggregationOp.Quantile: value = Quantiles.Of(param, ValuesOf(g.Heap!)); break;
                case AggregationOp.Topk or AggregationOp.Bottomk:
                    var heap = g.Heap!;
                    // Go sorts these small heaps by insertion sort, which keeps equal values in heap order.
                    InsertionSort(heap, bottom: op == AggregationOp.Bottomk);
                    foreach (var s in heap) output.Add(new Sample(s.Metric, ts, s.F));
                    continue;
                default: value = g.State.Result(op); break;
            }
            output.Add(new Sample(g.Labels, ts, value));
        }
    }

    private static List<double> ValuesOf(List<Sample> samples)
    {
        var values = new List<double>(samples.Count);
        foreach (var s in samples) values.Add(s.F);
        return values;
    }

    /// <summary>
    /// The heap order of topk (bottomk): the root is the smallest (largest) kept value, NaN counting as
    /// smaller (larger) than any number, so it is the first to be replaced.
    /// </summary>
    private static bool HeapLess(double a, double b, bool bottom)
    {
        if (double.IsNaN(a)) return true;
        return bottom ? a > b : a < b;
    }

    /// <summary>
    /// Keeps the k best samples in a binary heap laid out as Go's container/heap does, and replaced as
    /// Prometheus 2.42 replaces: a better sample (or any sample when the root is NaN) pops the root and is
    /// pushed, except with k = 1 where it takes the root's place. The exact moves decide which of several
    /// equal values are kept.
    /// </summary>
    private static void OfferTop(List<Sample> heap, Sample sample, long k, bool bottom)
    {
        if (heap.Count < k)
        {
            Push(heap, sample, bottom);
            return;
        }
        var root = heap[0].F;
        bool better = bottom ? root > sample.F : root < sample.F;
        if (!better && !double.IsNaN(root)) return;
        if (k == 1)
        {
            heap[0] = sample;
            return;
        }
        PopRoot(heap, bottom);
        Push(heap, sample, bottom);
    }

    private static void Push(List<Sample> heap, Sample sample, bool bottom)
    {
        heap.Add(sample);
        Up(heap, heap.Count - 1, bottom);
    }

    /// <summary>Go's heap.Pop: the last element moves to the root and sifts down over the rest, then the old root goes.</summary>
    private static void PopRoot(List<Sample> heap, bool bottom)
    {
        int last = heap.Count - 1;
        (heap[0], heap[last]) = (heap[last], heap[0]);
        Down(heap, 0, last, bottom);
        heap.RemoveAt(last);
    }

    private static void Up(List<Sample> h, int j, bool bottom)
    {
        while (true)
        {
            int i = (j - 1) / 2;
            if (i == j || !HeapLess(h[j].F, h[i].F, bottom)) break;
            (h[i], h[j]) = (h[j], h[i]);
            j = i;
        }
    }

    private static void Down(List<Sample> h, int i0, int n, bool bottom)
    {
        int i = i0;
        while (true)
        {
            int j1 = 2 * i + 1;
            if (j1 >= n || j1 < 0) break;
            int j = j1;
            if (j1 + 1 < n && HeapLess(h[j1 + 1].F, h[j1].F, bottom)) j = j1 + 1;
            if (!HeapLess(h[j].F, h[i].F, bottom)) break;
            (h[i], h[j]) = (h[j], h[i]);
            i = j;
        }
    }

    /// <summary>Sorts best first (the heap order reversed), stably.</summary>
    private static void InsertionSort(List<Sample> h, bool bottom)
    {
        for (int i = 1; i < h.Count; i++)
            for (int j = i; j > 0 && HeapLess(h[j - 1].F, h[j].F, bottom); j--)
                (h[j], h[j - 1]) = (h[j - 1], h[j]);
    }
}
