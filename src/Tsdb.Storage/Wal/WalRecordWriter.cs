using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace Tsdb.Storage.Wal;

/// <summary>The primitive encodings of record payloads: LEB128 varints, little-endian words, length-prefixed UTF-8.</summary>
internal static class WalRecordWriter
{
    public const int MaxVarintLength = 10;

    public static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteUvarint(IBufferWriter<byte> writer, ulong value) =>
        writer.Advance(PutUvarint(writer.GetSpan(MaxVarintLength), value));

    public static void WriteUInt64(IBufferWriter<byte> writer, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(writer.GetSpan(sizeof(ulong)), value);
        writer.Advance(sizeof(ulong));
    }

    /// <summary>Writes the UTF-8 length then the bytes; a string that is not valid UTF-16 (a lone surrogate) is refused, not altered.</summary>
    public static void WriteString(IBufferWriter<byte> writer, string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteUvarint(writer, (ulong)byteCount);
        var span = writer.GetSpan(byteCount);
        if (Utf8.FromUtf16(value, span, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
            throw new ArgumentException($"label string \"{value}\" is not valid Unicode (it holds a lone surrogate)");
        writer.Advance(written);
    }

    public static int PutUvarint(Span<byte> destination, ulong value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Zigzag, so that small negative deltas stay short.</summary>
    public static int PutVarint(Span<byte> destination, long value) =>
        PutUvarint(destination, (ulong)((value << 1) ^ (value >> 63)));
}
