namespace Tsdb.Storage.Wal;

/// <summary>Where replay found a torn or corrupt record: the segment file, the record's byte offset, and why.</summary>
public sealed record WalCorruption(string SegmentPath, long Offset, WalCorruptionReason Reason, string Detail)
{
    public override string ToString() => $"{SegmentPath} at byte offset {Offset}: {Detail}";
}
