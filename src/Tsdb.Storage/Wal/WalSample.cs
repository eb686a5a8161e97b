namespace Tsdb.Storage.Wal;

/// <summary>One float sample of a samples record; <see cref="Value"/> is kept bit for bit (NaN payloads included).</summary>
public readonly record struct WalSample(SeriesRef Ref, long Timestamp, double Value);
