using System.Buffers.Binary;
using System.Numerics;

namespace Tsdb.Storage.Wal;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of WAL records. <see cref="BitOperations.Crc32C(uint, ulong)"/> is the
/// raw hardware step (SSE4.2 / ARMv8 CRC32), so this adds the standard initial value and final inversion and
/// feeds it 8 bytes at a time.
/// </summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        if (data.Length >= sizeof(uint))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[sizeof(uint)..];
        }
        foreach (var b in data)
            crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
