using System.Buffers.Binary;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// Forward-only reader of the protobuf wire format over a span: tags, varints, fixed64 and length-delimited
/// fields, with no allocation. Errors name the absolute byte offset (<see cref="Base"/> plus the position).
/// </summary>
public ref struct ProtoWireReader(ReadOnlySpan<byte> data, int baseOffset = 0)
{
    public const int WireVarint = 0;
    public const int WireFixed64 = 1;
    public const int WireLengthDelimited = 2;
    public const int WireFixed32 = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    public readonly int Base => baseOffset;

    public readonly int Position => _pos;

    public readonly bool End => _pos >= _data.Length;

    /// <summary>Reads a field key; returns the field number and sets the wire type.</summary>
    public int ReadTag(out int wireType)
    {
        int at = _pos;
        ulong key = ReadVarint();
        wireType = (int)(key & 7);
        ulong field = key >> 3;
        if (field == 0 || field > int.MaxValue) throw Error(at, $"invalid field number {field}");
        return (int)field;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        int at = _pos;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= _data.Length) throw Error(at, "truncated varint");
            byte b = _data[_pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw Error(at, "varint longer than 10 bytes");
    }

    public ulong ReadFixed64()
    {
        if (_data.Length - _pos < 8) throw Error(_pos, "truncated fixed64");
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_pos..]);
        _pos += 8;
        return value;
    }

    /// <summary>Reads the bytes of a length-delimited field; <paramref name="start"/> is their position in this reader.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited(out int start)
    {
        int at = _pos;
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _pos)) throw Error(at, $"length {length} runs past the end of the message");
        start = _pos;
        _pos += (int)length;
        return _data.Slice(start, (int)length);
    }

    /// <summary>Skips a field of a type this decoder does not need, as protobuf requires of unknown fields.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case WireVarint: ReadVarint(); break;
            case WireFixed64: ReadFixed64(); break;
            case WireLengthDelimited: ReadLengthDelimited(out _); break;
            case WireFixed32:
                if (_data.Length - _pos < 4) throw Error(_pos, "truncated fixed32");
                _pos += 4;
                break;
            default: throw Error(_pos, $"unsupported wire type {wireType}");
        }
    }

    /// <summary>Throws unless the field just read has the wire type its schema gives it.</summary>
    public readonly void Expect(int field, int wireType, int expected, string message)
    {
        if (wireType != expected)
            throw Error(_pos, $"field {field} of {message} has wire type {wireType}, expected {expected}");
    }

    private readonly RemoteWriteFormatException Error(int at, string reason) =>
        new($"protobuf: invalid message at byte {baseOffset + at}: {reason}");
}
