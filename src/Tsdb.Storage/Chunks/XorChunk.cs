using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tsdb.Storage.Chunks;

/// <summary>
/// A chunk of samples in the Gorilla XOR encoding, bit compatible with Prometheus's XOR chunks except that
/// the second sample's time delta is a signed (zigzag) varint so that any int64 timestamps round-trip.
/// </summary>
/// <remarks>
/// <para>Layout: a 2-byte big-endian sample count, then a bit stream. The first sample is its timestamp as a
/// zigzag varint and its value's 64 bits. The second is its time delta as a zigzag varint and an XOR'd value.
/// Every later sample is a delta-of-delta ('0' for none, '10' + 14 bits, '110' + 17, '1110' + 20, '1111' + 64)
/// and an XOR'd value ('0' same bits, '10' + the significant bits inside the previous leading/trailing zero
/// window, '11' + 5 bits leading zeros + 6 bits significant bit count + those bits). Time arithmetic wraps,
/// so every int64 sequence (sorted or not) is representable; values are raw bit patterns, so every float64
/// (NaN payloads, staleness markers, -0.0, subnormals) comes back bit for bit.</para>
/// <para>Concurrency: one writer appends (serialised by the caller) while readers take <see cref="Iterator()"/>
/// snapshots without a lock. Append writes each sample's bits into the array before publishing the new count,
/// only ever adds bits after the current end, and copies to a new array to grow, so a snapshot (array and
/// count) always sees complete, unchanging bits for the samples it counts.</para>
/// <para>A mutable struct, so that the head keeps a series' open chunk inside the series object rather than as an
/// object of its own (16 bytes of header and an 8-byte reference a series). Keep it in a field or local and call
/// its members there: a copy appends apart from the original.</para>
/// </remarks>
public struct XorChunk
{
    /// <summary>How many samples the head puts in a chunk before cutting a new one.</summary>
    public const int TargetSamples = 120;

    /// <summary>The most samples the 2-byte count header can describe.</summary>
    public const int MaxSamples = ushort.MaxValue;

    internal const int HeaderBytes = 2;

    /// <summary>
    /// Zero bytes kept after the last used byte, so 64-bit loads and read-modify-write stores that start in
    /// the last used byte stay inside the array.
    /// </summary>
    internal const int PaddingBytes = 8;

    /// <summary>The most bytes one sample can take: a 10-byte varint timestamp plus a 77-bit value.</summary>
    private const int MaxSampleBytes = 20;

    private const int InitialCapacity = 32;

    /// <summary>Marks "no leading/trailing window yet", so the first XOR'd value always writes its own.</summary>
    private const byte NoWindow = 0xff;

    // Null only in a default value, which holds no samples and must not be appended to.
    private byte[] _buffer = new byte[InitialCapacity];
    private int _bitPosition = HeaderBytes * 8;
    // A ushort (the count header's width) so that the fields fill 48 bytes rather than 56.
    private ushort _count;
    private long _minTime;
    private long _maxTime;
    private long _previousDelta;
    private ulong _previousValueBits;
    private byte _leading = NoWindow;
    private byte _trailing;

    /// <summary>An empty chunk, ready for its first sample.</summary>
    public XorChunk()
    {
    }

    /// <summary>Samples appended so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The first sample's timestamp; meaningful once <see cref="Count"/> is positive.</summary>
    public long MinTime => _minTime;

    /// <summary>The last sample's timestamp; meaningful once <see cref="Count"/> is positive.</summary>
    public long MaxTime => _maxTime;

    /// <summary>The last sample's value bits; meaningful once <see cref="Count"/> is positive.</summary>
    internal ulong LastValueBits => _previousValueBits;

    /// <summary>The encoded chunk so far: count header and bit stream, without padding.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, ByteSize);

    /// <summary>Length of <see cref="Bytes"/>.</summary>
    public int ByteSize => (_bitPosition + 7) >> 3;

    /// <summary>Appends a sample. Timestamps need not increase; every value bit pattern is kept.</summary>
    /// <exception cref="InvalidOperationException">The chunk already holds <see cref="MaxSamples"/> samples.</exception>
    public void Append(long timestamp, double value)
    {
        int count = _count;
        if (count == MaxSamples)
        {
            ThrowFull();
        }

        ulong valueBits = BitConverter.DoubleToUInt64Bits(value);
        ulong xor = valueBits ^ _previousValueBits;
        // Unchecked: deltas of far-apart or unordered timestamps wrap, and decoding wraps back.
        long delta = unchecked(timestamp - _maxTime);
        long dod = unchecked(delta - _previousDelta);
        // Working out the sample's exact size repeats what the writers below do; only near the array's end, where
        // the largest sample might not fit, is it needed.
        if ((_bitPosition >> 3) + MaxSampleBytes + PaddingBytes > _buffer.Length)
            EnsureRoom(count >= 2 ? DeltaOfDeltaBits(dod) + ValueBits(xor) : MaxSampleBytes * 8);
        byte[] buffer = _buffer;
        int position = _bitPosition;
        if (count >= 2)
        {
            // '0' bits need no store: everything after the position is still zero.
            position = dod == 0 ? position + 1 : WriteDeltaOfDelta(buffer, position, dod);
            position = xor == 0 ? position + 1 : WriteValue(buffer, position, xor);
        }
        else if (count == 1)
        {
            position = WriteVarint(buffer, position, delta);
            position = xor == 0 ? position + 1 : WriteValue(buffer, position, xor);
        }
        else
        {
            position = WriteVarint(buffer, position, timestamp);
            position = WriteBits(buffer, position, valueBits, 64);
            _minTime = timestamp;
        }

        _bitPosition = position;
        _previousDelta = delta;
        _maxTime = timestamp;
        _previousValueBits = valueBits;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)(count + 1));
        // Publishes the sample: a reader that sees the new count also sees its bits (and the array holding them).
        Volatile.Write(ref _count, (ushort)(count + 1));
    }

    // Apart from Append, which would otherwise set up the message's formatting state on every call.
    [DoesNotReturn]
    private static void ThrowFull() =>
        throw new InvalidOperationException($"An XOR chunk holds at most {MaxSamples} samples.");

    /// <summary>Shrinks the backing array to the used bytes plus padding; call once the chunk is full.</summary>
    public void Trim()
    {
        int size = ByteSize + PaddingBytes;
        if (_buffer.Length != size)
        {
            Reallocate(size);
        }
    }

    /// <summary>The chunk, trimmed, as the head keeps it once full: nothing may be appended to it afterwards.</summary>
    internal FullChunk Seal()
    {
        Trim();
        return new FullChunk(_buffer, _count, _minTime, _maxTime);
    }

    /// <summary>Iterates the samples present now; samples appended later are not seen.</summary>
    public XorIterator Iterator()
    {
        var (buffer, count) = Published();
        return new XorIterator(buffer, count);
    }

    /// <summary>The array and sample count an iterator over the samples present now starts from.</summary>
    internal (byte[] Buffer, int Count) Published()
    {
        // Count first: the array read afterwards is at least as new as the one the count was published with.
        int count = Volatile.Read(ref _count);
        return (Volatile.Read(ref _buffer), count);
    }

    /// <summary>Iterates a chunk encoded earlier (for example <see cref="Bytes"/> written to disk).</summary>
    /// <exception cref="ArgumentException">Shorter than the count header.</exception>
    public static XorIterator Iterator(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length < HeaderBytes)
        {
            throw new ArgumentException(
                $"An encoded XOR chunk needs at least {HeaderBytes} bytes for its sample count; got {encoded.Length}.",
                nameof(encoded));
        }

        return new XorIterator(encoded, BinaryPrimitives.ReadUInt16BigEndian(encoded));
    }

    /// <summary>
    /// Room for the next sample's <paramref name="bits"/> and the padding after them. Sized to the sample rather
    /// than to the largest one (20 bytes): a counter's sample takes 2 to 4 bytes, and of an open chunk's array the
    /// room kept for the next sample is there in every series.
    /// </summary>
    private void EnsureRoom(int bits)
    {
        int needed = ((_bitPosition + bits + 7) >> 3) + PaddingBytes;
        if (needed > _buffer.Length)
        {
            // A quarter more, not double, while a chunk is young: many open chunks hold few samples, and what a
            // doubled array has unused at the end was the largest share of the bytes of a series that received
            // 40 samples. At least 32 bytes, so that a small chunk is not copied every other sample.
            int grown = _buffer.Length + Math.Max(_buffer.Length / 4, 32);
            Reallocate(Math.Max(needed, Math.Max(grown, ProjectedFullSize())));
        }
    }

    /// <summary>
    /// The array a chunk that already holds a third of <see cref="TargetSamples"/> samples will most likely need
    /// once full, from the bytes its samples took so far; 0 before then (and past the target). Such a chunk has
    /// shown that its series keeps receiving samples, and a series' samples are alike: growing to the projection
    /// at once spares the copies that growing by a quarter makes all the way to a full chunk (half the bytes
    /// allocated on encode), and the slack it leaves is short-lived, as the head cuts the chunk at
    /// <see cref="TargetSamples"/> and trims it. Up to 40 samples a chunk grows as before.
    /// </summary>
    private readonly int ProjectedFullSize()
    {
        int count = _count;
        if (count < TargetSamples / 3 || count >= TargetSamples) return 0;
        long projectedBits = (long)_bitPosition * TargetSamples / count;
        // Room for one sample of the largest kind, so that a few samples larger than the average so far do not
        // make a last copy just before the chunk is full.
        return (int)((projectedBits + 7) >> 3) + MaxSampleBytes + PaddingBytes;
    }

    /// <summary>Moves to a new array so that snapshot readers keep the old one untouched.</summary>
    private void Reallocate(int size)
    {
        var bigger = new byte[size];
        _buffer.AsSpan(0, ByteSize).CopyTo(bigger);
        Volatile.Write(ref _buffer, bigger);
    }

    // The writers below take the bit position and return the position after what they wrote, so the caller
    // keeps it in a register (a position passed by reference would live in memory).

    /// <summary>The bits <see cref="WriteDeltaOfDelta"/> writes, or the single '0' of a zero delta-of-delta.</summary>
    private static int DeltaOfDeltaBits(long dod) =>
        dod == 0 ? 1 : FitsSigned(dod, 14) ? 16 : FitsSigned(dod, 17) ? 20 : FitsSigned(dod, 20) ? 24 : 68;

    /// <summary>Writes a non-zero delta-of-delta in the smallest of Prometheus's buckets that holds it.</summary>
    private static int WriteDeltaOfDelta(byte[] buffer, int position, long dod)
    {
        // A bucket of n bits holds -(2^(n-1) - 1) .. 2^(n-1).
        if (FitsSigned(dod, 14))
        {
            return WriteBits(buffer, position, (0b10UL << 14) | ((ulong)dod & 0x3FFF), 16);
        }

        if (FitsSigned(dod, 17))
        {
            return WriteBits(buffer, position, (0b110UL << 17) | ((ulong)dod & 0x1FFFF), 20);
        }

        if (FitsSigned(dod, 20))
        {
            return WriteBits(buffer, position, (0b1110UL << 20) | ((ulong)dod & 0xFFFFF), 24);
        }

        return WriteBits(buffer, WriteBits(buffer, position, 0b1111, 4), (ulong)dod, 64);
    }

    private static bool FitsSigned(long value, int bits) =>
        value >= -((1L << (bits - 1)) - 1) && value <= 1L << (bits - 1);

    /// <summary>The bits <see cref="WriteValue"/> writes, or the single '0' of an unchanged value.</summary>
    private readonly int ValueBits(ulong xor)
    {
        if (xor == 0) return 1;
        int leading = Math.Min(BitOperations.LeadingZeroCount(xor), 31);
        int trailing = BitOperations.TrailingZeroCount(xor);
        if (_leading != NoWindow && leading >= _leading && trailing >= _trailing) return 2 + 64 - _leading - _trailing;
        return 13 + 64 - leading - trailing;
    }

    /// <summary>Writes a value that differs from the previous one by the non-zero <paramref name="xor"/>.</summary>
    private int WriteValue(byte[] buffer, int position, ulong xor)
    {
        // The leading count has 5 bits in the stream, so it is capped at 31.
        int leading = Math.Min(BitOperations.LeadingZeroCount(xor), 31);
        int trailing = BitOperations.TrailingZeroCount(xor);
        if (_leading != NoWindow && leading >= _leading && trailing >= _trailing)
        {
            // '10' and the bits inside the previous window.
            int windowBits = 64 - _leading - _trailing;
            return WriteHeaderAndBits(buffer, position, 0b10, 2, xor >> _trailing, windowBits);
        }

        int significant = 64 - leading - trailing;
        _leading = (byte)leading;
        _trailing = (byte)trailing;
        // 64 significant bits do not fit in 6 bits; they are written as 0, which is otherwise impossible.
        ulong header = (0b11UL << 11) | ((ulong)leading << 6) | ((ulong)significant & 0x3F);
        return WriteHeaderAndBits(buffer, position, header, 13, xor >> trailing, significant);
    }

    private static int WriteVarint(byte[] buffer, int position, long value)
    {
        ulong zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            position = WriteBits(buffer, position, (zigzag & 0x7F) | 0x80, 8);
            zigzag >>= 7;
        }

        return WriteBits(buffer, position, zigzag, 8);
    }

    /// <summary>Writes a header followed by payload bits, in one store when both fit in 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteHeaderAndBits(
        byte[] buffer, int position, ulong header, int headerBits, ulong bits, int bitCount) =>
        headerBits + bitCount <= 64
            ? WriteBits(buffer, position, (header << bitCount) | bits, headerBits + bitCount)
            : WriteBits(buffer, WriteBits(buffer, position, header, headerBits), bits, bitCount);

    /// <summary>
    /// Writes the low <paramref name="bitCount"/> bits of <paramref name="bits"/> (1..64) by OR-ing them into
    /// big-endian 64-bit words: the bits after the position are still zero, and the earlier bits of a word are
    /// stored back unchanged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteBits(byte[] buffer, int position, ulong bits, int bitCount)
    {
        if (bitCount > 57)
        {
            // More than fits beside a 7-bit offset in one word.
            OrWord(buffer, position, bits >> 32, bitCount - 32);
            position += bitCount - 32;
            bits &= uint.MaxValue;
            bitCount = 32;
        }

        OrWord(buffer, position, bits, bitCount);
        return position + bitCount;
    }

    /// <summary>ORs up to 57 bits (masked to <paramref name="bitCount"/>) in at a bit position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OrWord(byte[] buffer, int position, ulong bits, int bitCount)
    {
        ulong masked = bits & (ulong.MaxValue >> (64 - bitCount));
        Span<byte> at = buffer.AsSpan(position >> 3, sizeof(ulong));
        // Of the word only its first byte can hold bits yet, so only that byte is read: a 64-bit load would
        // overlap the previous sample's store only in part, which the processor cannot forward from its store
        // buffer and waits for instead.
        ulong word = (ulong)at[0] << 56;
        BinaryPrimitives.WriteUInt64BigEndian(at, word | (masked << (64 - (position & 7) - bitCount)));
    }
}
