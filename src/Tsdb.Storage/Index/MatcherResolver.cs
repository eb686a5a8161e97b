namespace Tsdb.Storage.Index;

/// <summary>
/// Turns label matchers into the sorted references of the series that satisfy all of them, with
/// Prometheus's semantics: an absent label has the value "", so a matcher that accepts "" keeps the
/// series lacking the label. Matchers that cannot match "" select by union of matching values; the
/// others are applied by subtracting the series whose value they reject.
/// </summary>
internal static class MatcherResolver
{
    public static Postings Resolve(MemPostings index, ReadOnlySpan<Matcher> matchers)
    {
        if (matchers.IsEmpty) return index.All();

        var labelMustBeSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in matchers)
        {
            if (!m.MatchesEmpty) labelMustBeSet.Add(m.Name);
        }

        var intersect = new List<Postings>();
        var subtract = new List<Postings>();
        foreach (var m in matchers)
        {
            bool isNegative = m.Type is MatchType.NotEqual or MatchType.NotRegex;
            if (labelMustBeSet.Contains(m.Name))
            {
                if (isNegative && m.MatchesEmpty)
                    subtract.Add(SeriesMatching(index, m.Inverse())); // l!="a" where l must be set: remove l="a"
                else if (isNegative)
                    intersect.Add(SeriesRejectedBy(index, m.Inverse())); // l!="": series with any value of l
                else
                    intersect.Add(SeriesMatching(index, m));
            }
            else
            {
                // m accepts "": keep series without the label, remove those whose value m rejects.
                subtract.Add(SeriesRejectedBy(index, m));
            }
        }

        Postings result;
        if (intersect.Count == 0)
        {
            result = index.All();
        }
        else
        {
            intersect.Sort(static (a, b) => a.Count.CompareTo(b.Count));
            result = intersect[0];
            for (int i = 1; i < intersect.Count && result.Count > 0; i++)
                result = PostingsOperations.Intersect(result, intersect[i]);
        }
        foreach (var s in subtract)
        {
            if (result.Count == 0) break;
            result = PostingsOperations.Without(result, s);
        }
        return result;
    }

    /// <summary>Series having a value of m's label that m accepts.</summary>
    private static Postings SeriesMatching(MemPostings index, Matcher m)
    {
        var set = m.SetMatches;
        var lists = set is not null ? index.GetAll(m.Name, set) : index.GetWhere(m.Name, m.Matches);
        return PostingsOperations.Union(lists);
    }

    /// <summary>Series having a value of m's label that m rejects.</summary>
    private static Postings SeriesRejectedBy(MemPostings index, Matcher m) =>
        PostingsOperations.Union(index.GetWhere(m.Name, v => !m.Matches(v)));
}
