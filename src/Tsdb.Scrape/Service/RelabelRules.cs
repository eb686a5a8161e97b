using Tsdb.Scrape.Relabeling;

namespace Tsdb.Scrape.Service;

/// <summary>Compares relabeling rules by what they do, so a reload that leaves them alone keeps the same hook.</summary>
internal static class RelabelRules
{
    public static bool Same(IReadOnlyList<RelabelConfig> a, IReadOnlyList<RelabelConfig> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (!Same(a[i], b[i])) return false;
        }
        return true;
    }

    private static bool Same(RelabelConfig a, RelabelConfig b) =>
        a.Action == b.Action && a.SourceLabels.SequenceEqual(b.SourceLabels, StringComparer.Ordinal) &&
        a.Separator == b.Separator && a.Regex.Pattern == b.Regex.Pattern && a.Modulus == b.Modulus &&
        a.TargetLabel == b.TargetLabel && a.Replacement == b.Replacement;
}
