using System.Buffers.Binary;

namespace Tsdb.Storage.Wal;

/// <summary>
/// The framing of one record in a segment: <c>[uint32 payload length][uint32 crc32c(payload)][payload]</c>,
/// little-endian. A payload is never empty, so a zero length marks a zero-filled (preallocated or never
/// written) tail; a partially written record is caught by its length running past the end of the file or by
/// its checksum.
/// </summary>
public static class WalFrame
{
    public const int HeaderSize = 2 * sizeof(uint);

    /// <summary>
    /// The largest payload a record may have. A length field above it cannot have been written by this log,
    /// so the reader reports it as corrupt instead of trying to read gigabytes.
    /// </summary>
    public const int MaxPayloadLength = 256 * 1024 * 1024;

    public static void WriteHeader(Span<byte> destination, int payloadLength, uint crc)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[sizeof(uint)..], crc);
    }

    public static uint ReadLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt32LittleEndian(header);

    public static uint ReadCrc(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt32LittleEndian(header[sizeof(uint)..]);
}
