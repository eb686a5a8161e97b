using System.Buffers.Binary;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// Decoder of the snappy block format (the one remote write uses, without stream framing) into a caller's
/// buffer, so request bodies can be decompressed into pooled memory. Every malformed input is reported with
/// the offset where decoding stopped.
/// </summary>
public static class SnappyBlock
{
    /// <summary>The decoded length the block announces in its preamble.</summary>
    public static int DecodedLength(ReadOnlySpan<byte> block) => ReadPreamble(block, out _);

    /// <summary>Decodes <paramref name="block"/> into <paramref name="destination"/>; returns the decoded length.</summary>
    public static int Decode(ReadOnlySpan<byte> block, Span<byte> destination)
    {
        int length = ReadPreamble(block, out int s);
        if (destination.Length < length)
            throw new ArgumentException($"destination holds {destination.Length} bytes, the block decodes to {length}");
        var dst = destination[..length];
        int d = 0;
        while (s < block.Length)
        {
            byte tag = block[s];
            int copyLength, offset;
            switch (tag & 3)
            {
                case 0:
                {
                    int literalLength = tag >> 2;
                    int start = s;
                    s++;
                    if (literalLength >= 60)
                    {
                        int extra = literalLength - 59;
                        if (s + extra > block.Length) throw Corrupt(start, "truncated literal length");
                        uint value = 0;
                        for (int i = 0; i < extra; i++) value |= (uint)block[s + i] << (8 * i);
                        if (value >= int.MaxValue) throw Corrupt(start, "literal length out of range");
                        literalLength = (int)value;
                        s += extra;
                    }
                    literalLength++;
                    if (literalLength > block.Length - s) throw Corrupt(start, "literal runs past the end of the block");
                    if (literalLength > length - d) throw Corrupt(start, "literal runs past the announced length");
                    block.Slice(s, literalLength).CopyTo(dst[d..]);
                    s += literalLength;
                    d += literalLength;
                    continue;
                }
                case 1:
                    if (s + 2 > block.Length) throw Corrupt(s, "truncated copy");
                    copyLength = 4 + ((tag >> 2) & 7);
                    offset = ((tag & 0xE0) << 3) | block[s + 1];
                    s += 2;
                    break;
                case 2:
                    if (s + 3 > block.Length) throw Corrupt(s, "truncated copy");
                    copyLength = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(block[(s + 1)..]);
                    s += 3;
                    break;
                default:
                {
                    if (s + 5 > block.Length) throw Corrupt(s, "truncated copy");
                    copyLength = 1 + (tag >> 2);
                    uint wide = BinaryPrimitives.ReadUInt32LittleEndian(block[(s + 1)..]);
                    offset = wide > int.MaxValue ? int.MaxValue : (int)wide;
                    s += 5;
                    break;
                }
            }
            if (offset <= 0 || offset > d) throw Corrupt(s, $"copy offset {offset} outside the {d} bytes decoded so far");
            if (copyLength > length - d) throw Corrupt(s, "copy runs past the announced length");
            if (offset >= copyLength)
            {
                dst.Slice(d - offset, copyLength).CopyTo(dst[d..]);
            }
            else
            {
                // Overlapping copy: repeats the last `offset` bytes, so it must go forward byte by byte.
                for (int i = 0; i < copyLength; i++) dst[d + i] = dst[d - offset + i];
            }
            d += copyLength;
        }
        if (d != length) throw Corrupt(s, $"block decodes to {d} bytes, its preamble announced {length}");
        return length;
    }

    private static int ReadPreamble(ReadOnlySpan<byte> block, out int consumed)
    {
        ulong value = 0;
        for (int i = 0; i < 5 && i < block.Length; i++)
        {
            value |= (ulong)(block[i] & 0x7F) << (7 * i);
            if (block[i] < 0x80)
            {
                if (value > int.MaxValue) throw Corrupt(0, "decoded length out of range");
                consumed = i + 1;
                return (int)value;
            }
        }
        throw Corrupt(0, "truncated or overlong decoded length");
    }

    private static RemoteWriteFormatException Corrupt(int offset, string reason) =>
        new($"snappy: corrupt input at byte {offset}: {reason}");
}
