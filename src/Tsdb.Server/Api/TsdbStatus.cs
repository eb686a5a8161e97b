using System.Text.Json;
using Tsdb.Storage;

namespace Tsdb.Server.Api;

/// <summary>The head statistics of <c>/api/v1/status/tsdb</c>: counts and the top 10 of each cardinality list.</summary>
public static class TsdbStatus
{
    private const int TopN = 10;

    public static void Write(Utf8JsonWriter json, Head head)
    {
        var seriesByMetric = new Dictionary<string, long>(StringComparer.Ordinal);
        var valuesByName = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var bytesByName = new Dictionary<string, long>(StringComparer.Ordinal);
        var seriesByPair = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var querier = head.Querier(long.MinValue, long.MaxValue))
        {
            var set = querier.Select(Matcher.Regex(Labels.MetricName, ".+"));
            while (set.MoveNext())
            {
                var labels = set.Current.Labels;
                Increment(seriesByMetric, labels.MetricNameValue, 1);
                foreach (var label in labels)
                {
                    if (!valuesByName.TryGetValue(label.Name, out var values)) valuesByName[label.Name] = values = new(StringComparer.Ordinal);
                    // Like Prometheus, memory counts each distinct value once (the index stores it once).
                    if (values.Add(label.Value)) Increment(bytesByName, label.Name, label.Value.Length);
                    Increment(seriesByPair, $"{label.Name}={label.Value}", 1);
                }
            }
        }
        json.WriteStartObject();
        json.WriteStartObject("headStats");
        json.WriteNumber("numSeries", head.SeriesCount);
        json.WriteNumber("numLabelPairs", seriesByPair.Count);
        json.WriteNumber("chunkCount", head.ChunkCount());
        json.WriteNumber("minTime", head.MinTime);
        json.WriteNumber("maxTime", head.MaxTime);
        json.WriteEndObject();
        WriteTop(json, "seriesCountByMetricName", seriesByMetric);
        WriteTop(json, "labelValueCountByLabelName", valuesByName.ToDictionary(kv => kv.Key, kv => (long)kv.Value.Count));
        WriteTop(json, "memoryInBytesByLabelName", bytesByName);
        WriteTop(json, "seriesCountByLabelValuePair", seriesByPair);
        json.WriteEndObject();
    }

    private static void Increment(Dictionary<string, long> counts, string key, long by) =>
        counts[key] = counts.GetValueOrDefault(key) + by;

    private static void WriteTop(Utf8JsonWriter json, string name, Dictionary<string, long> counts)
    {
        json.WriteStartArray(name);
        foreach (var (key, value) in counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(TopN))
        {
            json.WriteStartObject();
            json.WriteString("name", key);
            json.WriteNumber("value", value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
