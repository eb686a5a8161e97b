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
}
