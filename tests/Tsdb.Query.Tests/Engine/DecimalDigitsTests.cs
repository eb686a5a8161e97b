using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Engine;

namespace Tsdb.Query.Tests.Engine;

/// <summary>
/// Numbers of nine digits or more are written with AVX-512 where the machine has it: running these tests with
/// DOTNET_EnableAVX512=0 checks the scalar path too.
/// </summary>
public sealed class DecimalDigitsTests
{
    /// <summary>Every bit length equally often, so short and long numbers both come up.</summary>
    private static readonly Gen<ulong> AnyBitLength = Gen.Choose(0, 64).SelectMany(bits => Gen.Choose(int.MinValue, int.MaxValue).Two()
        .Select(p => bits == 0 ? 0UL : ((ulong)(uint)p.Item1 << 32 | (uint)p.Item2) >> (64 - bits)));

    [Fact]
    public void AnyUnsignedNumberIsWrittenAsItsInvariantDecimalText()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(Arb.From(AnyBitLength), n =>
        {
            Span<byte> buffer = stackalloc byte[DecimalDigits.MaxCount];
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
    public void CountIsRightAtEveryPowerOfTenAndTwoAndBesideThem()
    {
        var values = new List<ulong> { ulong.MaxValue };
        for (ulong p = 1; p <= 10_000_000_000_000_000_000; p *= 10)
        {
            values.AddRange([p - 1, p, p + 1]);
            if (p == 10_000_000_000_000_000_000) break;
        }
        for (int b = 0; b < 64; b++) values.AddRange([(1UL << b) - 1, 1UL << b, (1UL << b) + 1]);
        foreach (ulong v in values) Assert.Equal(v.ToString(CultureInfo.InvariantCulture).Length, DecimalDigits.Count(v));
    }

    [Fact]
    public void AnyCountWritesTheDigitsPaddedWithZeros()
    {
        // Every count from 1 to 20 with numbers of every length that fits, into exactly that much room and into more.
        var input = Gen.Choose(1, DecimalDigits.MaxCount).SelectMany(count => AnyBitLength
            .Select(n => (count == DecimalDigits.MaxCount ? n : n % PowerOfTen(count), count)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(Arb.From(input), pair =>
        {
            var (n, count) = pair;
            string expected = n.ToString("D20", CultureInfo.InvariantCulture)[^count..];
            var exact = new byte[count];
            DecimalDigits.Write(n, count, exact);
            Assert.Equal(expected, Encoding.ASCII.GetString(exact));
            var roomy = new byte[count + 16];
            roomy.AsSpan().Fill((byte)'x');
            DecimalDigits.Write(n, count, roomy);
            Assert.Equal(expected, Encoding.ASCII.GetString(roomy, 0, count));
        }));
    }

    [Fact]
    public void TheWordWriteWithSlackReturnsIsTheFirstEightBytesItLeftInMemory()
    {
        // Callers rework those bytes from the returned word instead of reading them back.
        var input = Gen.Choose(1, DecimalDigits.MaxCount).SelectMany(count => AnyBitLength
            .Select(n => (count == DecimalDigits.MaxCount ? n : n % PowerOfTen(count), count)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(Arb.From(input), pair =>
        {
            var (n, count) = pair;
            var buffer = new byte[DecimalDigits.MaxCount + 8];
            buffer.AsSpan().Fill((byte)'x');
            ulong first = DecimalDigits.WriteWithSlack(n, count, ref buffer[0]);
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(buffer), first);
        }));
    }

    [Fact]
    public void EveryNumberBelowTenThousandIsWrittenRightInEachPlaceOfAnEightDigitBlock()
    {
        // The eight digits of a block are split in halves, pairs and digits: each place sees all of its values.
        Span<byte> buffer = stackalloc byte[8];
        for (ulong n = 0; n < 10_000; n++)
        {
            foreach (ulong v in (ReadOnlySpan<ulong>)[n, n * 10_000, n * 10_000 + 9_999 - n, 99_999_999 - n])
            {
                DecimalDigits.Write(v, 8, buffer);
                Assert.Equal(v.ToString("D8", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer));
            }
        }
    }

    private static ulong PowerOfTen(int exponent) => exponent == 0 ? 1 : 10 * PowerOfTen(exponent - 1);

    [Fact]
    public void AFixedCountKeepsLeadingZeros()
    {
        Span<byte> buffer = stackalloc byte[3];
        DecimalDigits.Write(5, 3, buffer);
        Assert.Equal("005", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public void ANumberWithMoreDigitsThanTheCountIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DecimalDigits.Write(1000, 3, new byte[8]));
}
