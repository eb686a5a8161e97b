namespace Tsdb.Storage.Wal;

/// <summary>Receives one record payload during replay; the span is only valid during the call.</summary>
public delegate void WalRecordHandler(ReadOnlySpan<byte> record);
