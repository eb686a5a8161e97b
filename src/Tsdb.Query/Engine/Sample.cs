using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>One element of an instant vector: a series' labels and its value at the evaluation time.</summary>
public readonly record struct Sample(Labels Metric, long T, double F);
