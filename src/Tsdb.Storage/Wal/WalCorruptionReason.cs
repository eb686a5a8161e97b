namespace Tsdb.Storage.Wal;

/// <summary>Why a record in a segment could not be read; each ends the replay at that record.</summary>
public enum WalCorruptionReason
{
    /// <summary>Fewer than <see cref="WalFrame.HeaderSize"/> bytes left at the end of the file.</summary>
    TruncatedHeader,
    /// <summary>The length field is zero: a zero-filled or never written tail.</summary>
    ZeroLength,
    /// <summary>The length field is above <see cref="WalFrame.MaxPayloadLength"/>.</summary>
    AbsurdLength,
    /// <summary>The payload runs past the end of the file: a partially written record.</summary>
    TruncatedPayload,
    /// <summary>The payload does not match its CRC-32C.</summary>
    ChecksumMismatch,
}
