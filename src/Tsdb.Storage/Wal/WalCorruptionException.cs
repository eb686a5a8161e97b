namespace Tsdb.Storage.Wal;

/// <summary>A WAL record payload or the segment directory is malformed; the message names what and where.</summary>
public sealed class WalCorruptionException(string message) : Exception(message);
