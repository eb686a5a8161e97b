using System.Buffers;
using System.Buffers.Binary;
using System.Text.Unicode;

namespace Tsdb.Storage.Wal;

/// <summary>
/// Reads the primitives of one record payload front to back; anything malformed throws a
/// <see cref="WalCorruptionException"/> naming the record type, the field and its byte offset.
/// </summary>
internal ref struct WalRecordReader(ReadOnlySpan<byte> record, WalRecordType type)
{
    private const int StackCharLimit = 256;

    private readonly ReadOnlySpan<byte> _record = record;
    private int _position;

    public readonly bool AtEnd => _position == _record.Length;

    public readonly int Remaining => _record.Length - _position;

    public void ReadType()
    {
        if (_record.IsEmpty) throw Error("record is empty: it has no type byte");
        if (_record[0] != (byte)type) throw Error($"type byte is {_record[0]}, expected {(byte)type} ({type})");
        _position = 1;
    }

    public ulong ReadUvarint(string field)
    {
        int start = _position;
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position == _record.Length) throw Error($"{field} at byte {start} is cut off by the end of the record");
            byte b = _record[_position++];
            if (shift == 63 && b > 1) throw Error($"{field} at byte {start} overflows 64 bits");
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw Error($"{field} at byte {start} overflows 64 bits");
    }

    public long ReadVarint(string field)
    {
        ulong zigzag = ReadUvarint(field);
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    public ulong ReadUInt64(string field)
    {
        if (Remaining < sizeof(ulong)) throw Error($"{field} at byte {_position} needs 8 bytes, {Remaining} left");
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(_record[_position..]);
        _position += sizeof(ulong);
        return value;
    }

    /// <summary>A length-prefixed UTF-8 string, interned, without allocating when the string is already known.</summary>
    public string ReadInternedString(string field)
    {
        int start = _position;
        ulong length = ReadUvarint(field + " length");
        if (length > (ulong)Remaining) throw Error($"{field} at byte {start} is {length} bytes long, only {Remaining} left");
        var bytes = _record.Slice(_position, (int)length);
        char[]? rented = null;
        Span<char> chars = bytes.Length <= StackCharLimit
            ? stackalloc char[StackCharLimit]
            : (rented = ArrayPool<char>.Shared.Rent(bytes.Length)); // UTF-16 never needs more chars than UTF-8 bytes
        try
        {
            if (Utf8.ToUtf16(bytes, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
                throw Error($"{field} at byte {start} is not valid UTF-8");
            _position += bytes.Length;
            return StringInterner.Intern(chars[..written]);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    public readonly WalCorruptionException Error(string problem) =>
        new($"WAL {type} record of {_record.Length} bytes: {problem}");
}
