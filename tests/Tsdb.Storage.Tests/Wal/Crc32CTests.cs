using System.Text;
using Tsdb.Storage.Wal;

namespace Tsdb.Storage.Tests.Wal;

public class Crc32CTests
{
    [Fact]
    public void Matches_published_check_values()
    {
        Assert.Equal(0u, Crc32C.Compute([]));
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        // RFC 3720 (iSCSI) appendix B.4
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
    }

    [Fact]
    public void Equals_the_bitwise_definition_for_every_length_and_alignment()
    {
        var random = new Random(7);
        var data = new byte[80];
        random.NextBytes(data);
        for (int start = 0; start < 8; start++)
        {
            for (int length = 0; start + length <= data.Length; length++)
            {
                var span = data.AsSpan(start, length);
                Assert.Equal(Bitwise(span), Crc32C.Compute(span));
            }
        }
    }

    private static uint Bitwise(ReadOnlySpan<byte> data)
    {
        const uint reflectedPolynomial = 0x82F63B78;
        uint crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ reflectedPolynomial : crc >> 1;
        }
        return ~crc;
    }
}
