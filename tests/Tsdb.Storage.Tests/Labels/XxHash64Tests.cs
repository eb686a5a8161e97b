using System.Text;

namespace Tsdb.Storage.Tests;

public class XxHash64Tests
{
    // Reference values of xxHash64 with seed 0, as published with the algorithm.
    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)]
    [InlineData("a", 0xD24EC4F1A98C6E5BUL)]
    [InlineData("abc", 0x44BC2CF5AD770999UL)]
    [InlineData("message digest", 0x066ED728FCEEB3BEUL)]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 0xCFE1F278FA89835CUL)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 0xAAA46907D3047814UL)]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", 0xE04A477F19EE145DUL)]
    public void MatchesReferenceValues(string input, ulong expected)
    {
        Assert.Equal(expected, XxHash64.Hash(Encoding.ASCII.GetBytes(input)));
    }

    private const ulong SanitySeed = 2654435761;

    // xxhsum's sanity table: the first bytes of its generated buffer, with seed 0 and with its seed.
    [Theory]
    [InlineData(0, 0UL, 0xEF46DB3751D8E999UL)]
    [InlineData(0, SanitySeed, 0xAC75FDA2929B17EFUL)]
    [InlineData(1, SanitySeed, 0x5014607643A9B4C3UL)]
    [InlineData(14, 0UL, 0x8282DCC4994E35C8UL)]
    [InlineData(14, SanitySeed, 0xC3BD6BF63DEB6DF0UL)]
    [InlineData(222, 0UL, 0xB641AE8CB691C174UL)]
    [InlineData(222, SanitySeed, 0x20CB8AB7AE10C14AUL)]
    public void MatchesReferenceValuesWithSeeds(int length, ulong seed, ulong expected)
    {
        Assert.Equal(expected, XxHash64.Hash(SanityBuffer(length), seed));
    }

    private static byte[] SanityBuffer(int length)
    {
        var buffer = new byte[length];
        ulong generator = SanitySeed;
        for (int i = 0; i < length; i++)
        {
            buffer[i] = (byte)(generator >> 56);
            generator = unchecked(generator * 11400714785074694797UL);
        }
        return buffer;
    }
}
