using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Engine;

namespace Tsdb.Query.Tests.Engine;

public sealed class DecimalDigitsTests
{
    [Fact]
    public void AnyUnsignedNumberIsWrittenAsItsInvariantDecimalText()
    {
        // Every bit length equally often, so short and long numbers both come up.
        var numbers = Gen.Choose(0, 64).SelectMany(bits => Gen.Choose(int.MinValue, int.MaxValue).Two()
            .Select(p => bits == 0 ? 0UL : ((ulong)(uint)p.Item1 << 32 | (uint)p.Item2) >> (64 - bits)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(Arb.From(numbers), n =>
        {
            Span<byte> buffer = stackalloc byte[20];
            int length = DecimalDigits.Write(n, buffer);
            Assert.Equal(n.ToString(CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer[..length]));
        }));
    }

    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(9UL, 1)]
    [InlineData(10UL, 2)]
    [InlineData(999_999_999_999UL, 12)]
    [InlineData(1_000_000_000_000UL, 13)]
    [InlineData(ulong.MaxValue, 20)]
    public void CountIsTheNumberOfDigitsAtEachPowerOfTen(ulong value, int digits) => Assert.Equal(digits, DecimalDigits.Count(value));

    [Fact]
    public void AnyFixedCountWritesTheLowDigitsPaddedWithZeros()
    {
        var input = Gen.Choose(0, 64).SelectMany(bits => Gen.Choose(int.MinValue, int.MaxValue).Two()
            .Select(p => bits == 0 ? 0UL : ((ulong)(uint)p.Item1 << 32 | (uint)p.Item2) >> (64 - bits)))
            .Zip(Gen.Choose(1, 20));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(Arb.From(input), pair =>
        {
            var (n, count) = pair;
            Span<byte> buffer = stackalloc byte[20];
            DecimalDigits.Write(n, count, buffer);
            string all = n.ToString("D20", CultureInfo.InvariantCulture);
            Assert.Equal(all[^count..], Encoding.ASCII.GetString(buffer[..count]));
        }));
    }

    [Fact]
    public void AFixedCountKeepsLeadingZeros()
    {
        Span<byte> buffer = stackalloc byte[3];
        DecimalDigits.Write(5, 3, buffer);
        Assert.Equal("005", Encoding.ASCII.GetString(buffer));
    }
}
