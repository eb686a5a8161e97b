using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// Combines a scraped series' labels with its target's labels, as Prometheus's mutateSampleLabels does.
/// With honor_labels the scraped value wins and the target label only fills a gap. Without it the target
/// label wins, and a conflicting scraped label is kept under <c>exported_&lt;name&gt;</c> (prefixed again
/// while that name is taken, shorter names first).
/// </summary>
internal static class TargetLabelMerge
{
    private const string ExportedPrefix = "exported_";

    /// <summary>Merges in place: <paramref name="labels"/> holds the scraped labels and receives the result.</summary>
    public static void Apply(List<Label> labels, ScrapeTarget target)
    {
        // An empty value is the same as no label.
        labels.RemoveAll(static l => l.Value.Length == 0);
        if (target.HonorLabels)
        {
            foreach (var label in target.Labels)
            {
                if (IndexOf(labels, label.Name) < 0) labels.Add(label);
            }
            return;
        }

        List<Label>? conflicts = null;
        foreach (var label in target.Labels)
        {
            int index = IndexOf(labels, label.Name);
            if (index < 0)
            {
                labels.Add(label);
                continue;
            }
            (conflicts ??= []).Add(labels[index]);
            labels[index] = label;
        }
        if (conflicts is null) return;

        // List.Sort is not stable; order by length, then by the target labels' order (sorted by name).
        conflicts.Sort(static (a, b) => a.Name.Length != b.Name.Length
            ? a.Name.Length.CompareTo(b.Name.Length)
            : string.CompareOrdinal(a.Name, b.Name));
        foreach (var conflict in conflicts)
        {
            string name = conflict.Name;
            do name = ExportedPrefix + name;
            while (IndexOf(labels, name) >= 0);
            labels.Add(new Label(name, conflict.Value));
        }
    }

    private static int IndexOf(List<Label> labels, string name)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i].Name, name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
