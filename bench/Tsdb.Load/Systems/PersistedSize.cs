namespace Tsdb.Load.Systems;

/// <summary>Bytes a system keeps on disk for the samples, and what those bytes are.</summary>
public sealed record PersistedSize(long Bytes, string What);
