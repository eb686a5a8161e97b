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
/// Every field is read with one unaligned 64-bit big-endian load at the current bit position, shifted so the
/// next unread bit is the top bit; that leaves at least 57 readable bits, enough for any field but 64-bit ones,
/// which take two loads. Arrays without padding are read safely through a slower load near their end.
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
        if (_read >= _count)
        {
            _exhausted = true;
            return false;
        }

        if (_read >= 2)
        {
            _delta = unchecked(_delta + ReadDeltaOfDelta());
            _timestamp = unchecked(_timestamp + _delta);
            ReadValue();
        }
        else if (_read == 1)
        {
            _delta = ReadVarint();
            _timestamp = unchecked(_timestamp + _delta);
            ReadValue();
        }
        else
        {
            _timestamp = ReadVarint();
            _valueBits = ReadBits(64);
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

    private long ReadDeltaOfDelta()
    {
        ulong word = Peek();
        // The bucket is the number of leading 1 bits (at most 4) of the prefix '0', '10', '110', '1110', '1111'.
        switch (BitOperations.LeadingZeroCount(~word))
        {
            case 0:
                _bitPosition += 1;
                return 0;
            case 1:
                _bitPosition += 2 + 14;
                return SignExtend(word << 2 >> (64 - 14), 14);
            case 2:
                _bitPosition += 3 + 17;
                return SignExtend(word << 3 >> (64 - 17), 17);
            case 3:
                _bitPosition += 4 + 20;
                return SignExtend(word << 4 >> (64 - 20), 20);
            default:
                _bitPosition += 4;
                return (long)ReadBits(64);
        }
    }

    /// <summary>Undoes the writer's bucket range: n-bit patterns above 2^(n-1) are negative.</summary>
    private static long SignExtend(ulong bits, int bitCount) =>
        bits > 1UL << (bitCount - 1) ? (long)bits - (1L << bitCount) : (long)bits;

    private void ReadValue()
    {
        ulong word = Peek();
        if ((long)word >= 0)
        {
            // '0': same bits as the previous value.
            _bitPosition += 1;
            return;
        }

        if ((word & (1UL << 62)) == 0)
        {
            // '10': significant bits inside the previous window.
            _bitPosition += 2;
        }
        else
        {
            // '11': a new window, 5 bits leading zeros and 6 bits significant count (0 meaning 64).
            _leading = (int)(word >> 57) & 0x1F;
            int significant = (int)(word >> 51) & 0x3F;
            if (significant == 0)
            {
                significant = 64;
            }

            _trailing = 64 - _leading - significant;
            _bitPosition += 13;
        }

        _valueBits ^= ReadBits(64 - _leading - _trailing) << _trailing;
    }

    private long ReadVarint()
    {
        ulong zigzag = 0;
        for (int shift = 0; ; shift += 7)
        {
            ulong b = ReadBits(8);
            if (shift == 63 && b > 1)
            {
                ThrowBadVarint();
            }

            zigzag |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
            }
        }
    }

    /// <summary>Reads <paramref name="bitCount"/> bits (1..64) as an unsigned number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ReadBits(int bitCount)
    {
        if (bitCount <= 57)
        {
            ulong bits = Peek() >> (64 - bitCount);
            _bitPosition += bitCount;
            return bits;
        }

        ulong high = Peek() >> 32;
        _bitPosition += 32;
        int lowCount = bitCount - 32;
        ulong low = Peek() >> (64 - lowCount);
        _bitPosition += lowCount;
        return (high << lowCount) | low;
    }

    /// <summary>The 64 bits from the current bit position on (the low bits past the array's end read as 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ulong Peek()
    {
        int byteIndex = _bitPosition >> 3;
        ulong word;
        if ((uint)byteIndex <= (uint)(_data.Length - sizeof(ulong)))
        {
            // In bounds by the check above.
            word = BinaryPrimitives.ReverseEndianness(
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), byteIndex)));
        }
        else
        {
            word = PeekNearEnd(byteIndex);
        }

        return word << (_bitPosition & 7);
    }

    private readonly ulong PeekNearEnd(int byteIndex)
    {
        ulong word = 0;
        for (int i = 0; i < sizeof(ulong); i++)
        {
            int at = byteIndex + i;
            word = (word << 8) | (at < _data.Length ? _data[at] : 0UL);
        }

        return word;
    }

    private readonly void ThrowTruncated() =>
        throw new InvalidDataException(
            $"XOR chunk truncated: its header counts {_count} samples but its {_data.Length} bytes end inside sample {_read}.");

    private readonly void ThrowBadVarint() =>
        throw new InvalidDataException(
            $"XOR chunk corrupt: varint longer than 64 bits at byte {_bitPosition >> 3} (sample {_read}).");
}
