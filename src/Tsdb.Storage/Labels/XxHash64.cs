using System.Buffers.Binary;
using System.Numerics;

namespace Tsdb.Storage;

/// <summary>
/// xxHash64 over a byte span. Series hashes (seed 0) are persisted implicitly (they decide stripes and
/// block layouts), so the function must not change between runs or versions, unlike string.GetHashCode.
/// Other seeds give further hashes of the same bytes that are independent of the first.
/// </summary>
public static class XxHash64
{
    private const ulong Prime1 = 11400714785074694791UL;
    private const ulong Prime2 = 14029467366897019727UL;
    private const ulong Prime3 = 1609587929392839161UL;
    private const ulong Prime4 = 9650029242287828579UL;
    private const ulong Prime5 = 2870177450012600261UL;

    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed = 0)
    {
        int length = data.Length;
        ulong h;
        if (length >= 32)
        {
            ulong v1 = unchecked(seed + Prime1 + Prime2), v2 = unchecked(seed + Prime2), v3 = seed, v4 = unchecked(seed - Prime1);
            while (data.Length >= 32)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[8..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[16..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[24..]));
                data = data[32..];
            }
            h = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) +
                BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            h = MergeRound(h, v1);
            h = MergeRound(h, v2);
            h = MergeRound(h, v3);
            h = MergeRound(h, v4);
        }
        else
        {
            h = unchecked(seed + Prime5);
        }
        unchecked
        {
            h += (ulong)length;
            while (data.Length >= 8)
            {
                h ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data));
                h = BitOperations.RotateLeft(h, 27) * Prime1 + Prime4;
                data = data[8..];
            }
            if (data.Length >= 4)
            {
                h ^= BinaryPrimitives.ReadUInt32LittleEndian(data) * Prime1;
                h = BitOperations.RotateLeft(h, 23) * Prime2 + Prime3;
                data = data[4..];
            }
            foreach (var b in data)
            {
                h ^= b * Prime5;
                h = BitOperations.RotateLeft(h, 11) * Prime1;
            }
            h ^= h >> 33;
            h *= Prime2;
            h ^= h >> 29;
            h *= Prime3;
            h ^= h >> 32;
        }
        return h;
    }

    private static ulong Round(ulong acc, ulong input) =>
        unchecked(BitOperations.RotateLeft(acc + input * Prime2, 31) * Prime1);

    private static ulong MergeRound(ulong acc, ulong val) =>
        unchecked((acc ^ Round(0, val)) * Prime1 + Prime4);
}
