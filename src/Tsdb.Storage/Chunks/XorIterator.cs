using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tsdb.Storage.Chunks;

/// <summary>
/// Decodes the samples of an <see cref="XorChunk"/>. A mutable struct: keep it in a local or field and call
/// its methods there (a copy continues independently). Decoding allocates nothing.
/// </summary>
/// <remarks>
/// Bits are read with unaligned 64-bit big-endian loads at the current bit position, shifted so the next
/// unread bit is the top one; that leaves at least 57 readable bits, so a sample whose timestamp repeats its
/// delta usually decodes from a single load. Arrays without padding are read safely through a slower load
/// near their end.
/// </remarks>
public struct XorIterator : ISampleIterator
{
    private readonly byte[] _data;
    private readonly int _count;
    private readonly long _bitLimit;
    private int _bitPosition;
    private int _read;
    private bool _exhausted;
    private long _timestamp;
    private long _delta;
    private ulong _valueBits;
    private int _leading;
    private int _trailing;

    internal XorIterator(byte[] data, int count)
    {
        _data = data;
        _count = count;
        _bitLimit = (long)data.Length * 8;
        _bitPosition = XorChunk.HeaderBytes * 8;
    }

    /// <inheritdoc/>
    public readonly long Timestamp => _timestamp;

    /// <inheritdoc/>
    public readonly double Value => BitConverter.UInt64BitsToDouble(_valueBits);

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The encoded bytes end before the samples their header counts.</exception>
    public bool Next()
    {
        int read = _read;
        if (read < 2 || read >= _count)
        {
            return NextFirstTwoOrNone();
        }

        // The common case, with the state in locals so it stays in registers while decoding.
        byte[] data = _data;
        int position = _bitPosition;
        ulong valueBits = _valueBits;
        int leading = _leading;
        int trailing = _trailing;
        long delta = _delta;
        ulong word = ReadDelta(data, ref position, ref delta);
        _delta = delta;
        _timestamp = unchecked(_timestamp + delta);
        ReadValue(data, ref position, word, ref valueBits, ref leading, ref trailing);
        _valueBits = valueBits;
        _leading = leading;
        _trailing = trailing;
        _bitPosition = position;
        if (position > _bitLimit)
        {
            ThrowTruncated();
        }

        _read = read + 1;
        return true;
    }

    private bool NextFirstTwoOrNone()
    {
        if (_read >= _count)
        {
            _exhausted = true;
            return false;
        }

        if (_read == 0)
        {
            _timestamp = ReadVarint();
            _valueBits = ReadBits(_data, ref _bitPosition, 64);
        }
        else
        {
            _delta = ReadVarint();
            _timestamp = unchecked(_timestamp + _delta);
            ReadValue(_data, ref _bitPosition, Peek(_data, _bitPosition), ref _valueBits, ref _leading, ref _trailing);
        }

        if (_bitPosition > _bitLimit)
        {
            ThrowTruncated();
        }

        _read++;
        return true;
    }

    /// <inheritdoc/>
    public bool Seek(long t)
    {
        if (_exhausted)
        {
            return false;
        }

        if (_read == 0 && !Next())
        {
            return false;
        }

        while (_timestamp < t)
        {
            if (!Next())
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// After the first two samples the loop keeps the whole decoder state in locals across samples and writes
    /// it back once per batch: per-sample calls to <see cref="Next"/> reload and store it every time.
    /// </remarks>
    public int NextBatch(Span<Point> points)
    {
        int n = 0;
        while (n < points.Length && _read < 2)
        {
            if (!Next())
            {
                return n;
            }

            points[n++] = new Point(_timestamp, Value);
        }

        int end = n + Math.Min(points.Length - n, _count - _read);
        if (end == n)
        {
            if (n < points.Length)
            {
                _exhausted = true;
            }

            return n;
        }

        _ = points[end - 1];
        byte[] data = _data;
        int position = _bitPosition;
        long timestamp = _timestamp;
        long delta = _delta;
        ulong valueBits = _valueBits;
        int leading = _leading;
        int trailing = _trailing;
        long bitLimit = _bitLimit;
        int first = n;
        for (; n < end; n++)
        {
            ulong word = ReadDelta(data, ref position, ref delta);
            timestamp = unchecked(timestamp + delta);
            ReadValue(data, ref position, word, ref valueBits, ref leading, ref trailing);
            if (position > bitLimit)
            {
                _read += n - first;
                ThrowTruncated();
            }

            points[n] = new Point(timestamp, BitConverter.UInt64BitsToDouble(valueBits));
        }

        _timestamp = timestamp;
        _delta = delta;
        _valueBits = valueBits;
        _leading = leading;
        _trailing = trailing;
        _bitPosition = position;
        _read += n - first;
        return n;
    }

    /// <summary>
    /// Reads a timestamp's delta of delta into <paramref name="delta"/>; returns the (at least 56) bits after it,
    /// where the value starts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadDelta(byte[] data, ref int position, ref long delta)
    {
        ulong word = Peek(data, position);
        if ((long)word >= 0)
        {
            // '0': the same delta as before, by far the most common case for scraped series. The value
            // follows in the same word, which still holds at least 56 unread bits.
            position += 1;
            return word << 1;
        }

        delta = unchecked(delta + ReadNonZeroDeltaOfDelta(data, position, word, out int dodBits));
        position += dodBits;
        return Peek(data, position);
    }

    /// <remarks>
    /// Takes the position by value and reports the bits it used, so the caller's position is never
    /// address-taken and stays in a register.
    /// </remarks>
    private static long ReadNonZeroDeltaOfDelta(byte[] data, int position, ulong word, out int bitCount)
    {
        // The bucket is the number of leading 1 bits (at most 4) of the prefix '10', '110', '1110', '1111'.
        switch (BitOperations.LeadingZeroCount(~word))
        {
            case 1:
                bitCount = 2 + 14;
                return SignExtend(word << 2 >> (64 - 14), 14);
            case 2:
                bitCount = 3 + 17;
                return SignExtend(word << 3 >> (64 - 17), 17);
            case 3:
                bitCount = 4 + 20;
                return SignExtend(word << 4 >> (64 - 20), 20);
            default:
                bitCount = 4 + 64;
                int afterPrefix = position + 4;
                return (long)ReadBits(data, ref afterPrefix, 64);
        }
    }

    /// <summary>Undoes the writer's bucket range: n-bit patterns above 2^(n-1) are negative.</summary>
    private static long SignExtend(ulong bits, int bitCount) =>
        bits > 1UL << (bitCount - 1) ? (long)bits - (1L << bitCount) : (long)bits;

    /// <summary>Decodes an XOR'd value from <paramref name="word"/>, the (at least 56) bits at the position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReadValue(
        byte[] data, ref int position, ulong word, ref ulong valueBits, ref int leading, ref int trailing)
    {
        if ((long)word >= 0)
        {
            // '0': same bits as the previous value.
            position += 1;
            return;
        }

        // A branch on the window's control bit, not masks that compute both outcomes: with masks every value
        // paid for the new window's arithmetic and decoding took 7.4-10.9 instead of 5.0-7.9 ns a sample on the
        // counter and gauge datasets (bench/Tsdb.Benchmarks ChunkBenchmarks, sample by sample and in batches).
        int headerBits;
        if ((word & (1UL << 62)) == 0)
        {
            // '10': significant bits inside the previous window.
            headerBits = 2;
        }
        else
        {
            // '11': a new window, 5 bits leading zeros and 6 bits significant count (0 meaning 64).
            leading = (int)(word >> 57) & 0x1F;
            int count = (int)(word >> 51) & 0x3F;
            trailing = 64 - leading - (count == 0 ? 64 : count);
            if (trailing < 0)
            {
                ThrowBadWindow(position);
            }

            headerBits = 13;
        }

        int significant = 64 - leading - trailing;
        ulong bits;
        if (headerBits + significant <= 56)
        {
            bits = word << headerBits >> (64 - significant);
            position += headerBits + significant;
        }
        else
        {
            position += headerBits;
            bits = ReadBits(data, ref position, significant);
        }

        valueBits ^= bits << trailing;
    }

    /// <remarks>
    /// A chunk's first timestamp takes six bytes: one load yields seven whole bytes, so the usual varint is
    /// taken from a single word rather than one load per byte.
    /// </remarks>
    private long ReadVarint()
    {
        ulong zigzag = 0;
        int shift = 0;
        int position = _bitPosition;
        while (true)
        {
            ulong word = Peek(_data, position);
            for (int i = 0; i < 7; i++, shift += 7)
            {
                ulong b = word >> 56;
                word <<= 8;
                position += 8;
                if (shift == 63 && b > 1)
                {
                    ThrowBadVarint();
                }

                zigzag |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    _bitPosition = position;
                    return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                }
            }
        }
    }

    /// <summary>Reads <paramref name="bitCount"/> bits (1..64) as an unsigned number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadBits(byte[] data, ref int position, int bitCount)
    {
        if (bitCount <= 57)
        {
            ulong bits = Peek(data, position) >> (64 - bitCount);
            position += bitCount;
            return bits;
        }

        ulong high = Peek(data, position) >> 32;
        int lowCount = bitCount - 32;
        ulong low = Peek(data, position + 32) >> (64 - lowCount);
        position += bitCount;
        return (high << lowCount) | low;
    }

    /// <summary>The 64 bits from a bit position on (the low bits past the array's end read as 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Peek(byte[] data, int position)
    {
        int byteIndex = position >> 3;
        ulong word = (uint)byteIndex <= (uint)(data.Length - sizeof(ulong))
            // In bounds by the check above.
            ? BinaryPrimitives.ReverseEndianness(
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), byteIndex)))
            : PeekNearEnd(data, byteIndex);
        return word << (position & 7);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong PeekNearEnd(byte[] data, int byteIndex)
    {
        ulong word = 0;
        for (int i = 0; i < sizeof(ulong); i++)
        {
            int at = byteIndex + i;
            word = (word << 8) | ((uint)at < (uint)data.Length ? data[at] : 0UL);
        }

        return word;
    }

    private readonly void ThrowTruncated() =>
        throw new InvalidDataException(
            $"XOR chunk truncated: its header counts {_count} samples but its {_data.Length} bytes end inside sample {_read} (counting from 0).");

    private static void ThrowBadWindow(int position) =>
        throw new InvalidDataException(
            $"XOR chunk corrupt: value window at bit {position} has more leading plus significant bits than 64.");

    private readonly void ThrowBadVarint() =>
        throw new InvalidDataException(
            $"XOR chunk corrupt: varint longer than 64 bits at byte {_bitPosition >> 3} (sample {_read}).");
}
