using Tsdb.Storage.Chunks;

namespace Tsdb.Storage.Tests.Chunks;

internal static class ChunkTestHelpers
{
    public static XorChunk Encode(IEnumerable<Sample> samples)
    {
        var chunk = new XorChunk();
        foreach (var sample in samples)
        {
            chunk.Append(sample.Timestamp, BitConverter.UInt64BitsToDouble(sample.ValueBits));
        }

        return chunk;
    }

    public static List<Sample> ReadAll(XorIterator iterator)
    {
        var samples = new List<Sample>();
        while (iterator.Next())
        {
            samples.Add(new Sample(iterator.Timestamp, BitConverter.DoubleToUInt64Bits(iterator.Value)));
        }

        return samples;
    }
}
