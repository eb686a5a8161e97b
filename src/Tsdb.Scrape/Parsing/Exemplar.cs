using Tsdb.Storage;

namespace Tsdb.Scrape.Parsing;

/// <summary>An OpenMetrics exemplar: a labelled value (a trace id, say) attached to one sample.</summary>
public readonly record struct Exemplar(IReadOnlyList<Label> Labels, double Value, long? TimestampMs = null);
