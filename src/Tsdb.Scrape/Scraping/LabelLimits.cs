using System.Text;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// The per-series limits of a scrape config (label_limit, label_name_length_limit,
/// label_value_length_limit), checked on the final labels of each new series. Any breach fails the scrape.
/// </summary>
internal static class LabelLimits
{
    /// <summary>Throws <see cref="ScrapeException"/> naming the metric, the label and the limit breached.</summary>
    public static void Check(Labels labels, ScrapeTarget target)
    {
        string metric = Truncate(labels.MetricNameValue);
        if (target.LabelLimit > 0 && labels.Count > target.LabelLimit)
            throw new ScrapeException(
                $"label_limit exceeded (metric: {metric}, number of labels: {labels.Count}, limit: {target.LabelLimit})");
        if (target.LabelNameLengthLimit == 0 && target.LabelValueLengthLimit == 0) return;
        foreach (var label in labels)
        {
            int nameLength = Encoding.UTF8.GetByteCount(label.Name);
            if (target.LabelNameLengthLimit > 0 && nameLength > target.LabelNameLengthLimit)
                throw new ScrapeException(
                    $"label_name_length_limit exceeded (metric: {metric}, label name: {Truncate(label.Name)}, " +
                    $"length: {nameLength}, limit: {target.LabelNameLengthLimit})");
            if (target.LabelValueLengthLimit > 0)
            {
                int valueLength = CodePoints(label.Value);
                if (valueLength > target.LabelValueLengthLimit)
                    throw new ScrapeException(
                        $"label_value_length_limit exceeded (metric: {metric}, label name: {Truncate(label.Name)}, " +
                        $"value: \"{Truncate(label.Value)}\", length: {valueLength}, limit: {target.LabelValueLengthLimit})");
            }
        }
    }

    private static int CodePoints(string value)
    {
        int count = 0;
        foreach (var _ in value.EnumerateRunes()) count++;
        return count;
    }

    // Error messages quote at most 50 characters of a name or value, as Prometheus does.
    private static string Truncate(string text) => text.Length <= 50 ? text : text[..50];
}
