using Tsdb.Storage.Index;

namespace Tsdb.Storage;

/// <summary>Reads the head over [mint, maxt]: matchers resolve through the index, samples through snapshots.</summary>
internal sealed class HeadQuerier(Head head, long mint, long maxt) : IQuerier
{
    public ISeriesSet Select(params ReadOnlySpan<Matcher> matchers)
    {
        var postings = MatcherResolver.Resolve(head.Postings, matchers);
        // Sized for every matching series at once: grown by doubling, it would allocate about twice its final length
        // and copy it. A selection of few of many series in the postings leaves room unused, 40 bytes a matching
        // series, for a loop that looks at every one of them anyway.
        var found = new List<HeadSeriesSet.Selected>(postings.Count);
        SeriesSampleIterator? probe = null;
        foreach (var r in postings.Span)
        {
            var series = head.GetByRef(new SeriesRef(r));
            if (series is null) continue;
            var snapshot = series.Snapshot(mint, maxt);
            if (snapshot.IsEmpty) continue;
            // Only a series whose chunks span the range without a bound inside it may still have no sample there;
            // its label set is made only once it is known to be selected.
            if (!snapshot.KnownToHoldSampleInRange)
            {
                probe = SeriesSampleIterator.Over(probe, snapshot, mint, maxt);
                if (!probe.Next()) continue;
            }
            found.Add(new HeadSeriesSet.Selected(series.CreateLabels(), snapshot));
        }
        LabelOrder.Sort(found, static s => s.Labels);
        return new HeadSeriesSet(found, mint, maxt);
    }

    public IReadOnlyList<string> LabelNames(params ReadOnlySpan<Matcher> matchers)
    {
        if (matchers.IsEmpty && CoversWholeHead()) return Sorted(head.Postings.LabelNames());
        var names = new HashSet<string>(StringComparer.Ordinal);
        var set = Select(matchers);
        while (set.MoveNext())
        {
            foreach (var label in set.Current.Labels) names.Add(label.Name);
        }
        return Sorted([.. names]);
    }

    public IReadOnlyList<string> LabelValues(string name, params ReadOnlySpan<Matcher> matchers)
    {
        if (matchers.IsEmpty && CoversWholeHead()) return Sorted(head.Postings.LabelValues(name));
        var values = new HashSet<string>(StringComparer.Ordinal);
        var set = Select(matchers);
        while (set.MoveNext())
        {
            var value = set.Current.Labels.Get(name);
            if (value.Length > 0) values.Add(value);
        }
        return Sorted([.. values]);
    }

    /// <summary>When every sample of the head is in range, the index alone answers label questions.</summary>
    private bool CoversWholeHead() => mint <= head.MinTime && head.MaxTime <= maxt;

    private static string[] Sorted(string[] values)
    {
        Array.Sort(values, StringComparer.Ordinal);
        return values;
    }

    public void Dispose()
    {
    }
}
