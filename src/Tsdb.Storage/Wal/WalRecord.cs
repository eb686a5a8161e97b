namespace Tsdb.Storage.Wal;

/// <summary>Dispatch on a record payload before decoding it.</summary>
public static class WalRecord
{
    /// <summary>The record's type, <see cref="WalRecordType.Unknown"/> for a type byte this version does not know.</summary>
    public static WalRecordType Peek(ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty) throw new WalCorruptionException("WAL record is empty: it has no type byte");
        return record[0] switch
        {
            (byte)WalRecordType.Series => WalRecordType.Series,
            (byte)WalRecordType.Samples => WalRecordType.Samples,
            _ => WalRecordType.Unknown,
        };
    }
}
