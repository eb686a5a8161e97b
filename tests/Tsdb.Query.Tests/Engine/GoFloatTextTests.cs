using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Engine;

namespace Tsdb.Query.Tests.Engine;

/// <summary>
/// Sample values are written as Go's strconv.FormatFloat(v, 'f', -1, 64) does. The runtime's round-trip
/// formatting ("R", the shortest digits that read back) expanded out of its exponent form is the reference.
/// </summary>
public sealed class GoFloatTextTests
{
    [Fact]
    public void AnyBitPatternFormatsAsTheShortestRoundTripDigitsWithoutExponent()
    {
        var bits = Gen.Choose(int.MinValue, int.MaxValue).Two().Select(p => ((long)p.Item1 << 32) | (uint)p.Item2);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20_000), Prop.ForAll(Arb.From(bits), b =>
            AssertFormatsLikeReference(BitConverter.Int64BitsToDouble(b))));
    }

    [Fact]
    public void QuotientsOfIntegersFormatLikeTheReference()
    {
        // Rates and averages: few significant digits or seventeen, the values range queries answer with most.
        var quotients = Gen.Choose(-1_000_000, 1_000_000).SelectMany(n => Gen.Choose(1, 100_000).Select(d => (double)n / d));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20_000), Prop.ForAll(Arb.From(quotients), AssertFormatsLikeReference));
    }

    [Fact]
    public void PowersOfTenAndTwoAndTheirNeighboursFormatLikeTheReference()
    {
        var values = new List<double> { double.Epsilon, double.MaxValue, double.MinValue, 2.2250738585072014E-308, 9007199254740993 };
        for (int e = -325; e <= 308; e++) values.Add(double.Parse($"1e{e}", CultureInfo.InvariantCulture));
        for (int e = -1074; e <= 1023; e++) values.Add(Math.ScaleB(1, e));
        foreach (double v in values.ToArray())
        {
            values.Add(Math.BitIncrement(v));
            values.Add(Math.BitDecrement(v));
        }
        foreach (double v in values) AssertFormatsLikeReference(v);
    }

    [Fact]
    public void ThirdsAndShortDecimalsFormatLikeTheReference()
    {
        // k/3 has seventeen significant digits at every magnitude; k/10^d is short, with the point anywhere.
        var thirds = Gen.Choose(-1_000_000_000, 1_000_000_000).Zip(Gen.Choose(-30, 30)).Select(p => p.Item1 / 3.0 * Math.Pow(10, p.Item2));
        var shortDecimals = Gen.Choose(-1_000_000, 1_000_000).Zip(Gen.Choose(0, 25)).Select(p => p.Item1 / Math.Pow(10, p.Item2));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20_000), Prop.ForAll(Arb.From(Gen.OneOf(thirds, shortDecimals)), AssertFormatsLikeReference));
    }

    [Fact]
    public void WholeNumbersOfEveryLengthFormatLikeTheReference()
    {
        // Below 2^53 they are written from the integer, above from the shortest digits: both sides of the border.
        var wholes = Gen.Choose(0, 62).SelectMany(bits => Gen.Choose(int.MinValue, int.MaxValue).Two()
            .Select(p => (double)((((ulong)(uint)p.Item1 << 32) | (uint)p.Item2) >> (63 - bits))));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20_000), Prop.ForAll(Arb.From(wholes), v =>
        {
            AssertFormatsLikeReference(v);
            AssertFormatsLikeReference(-v);
        }));
        for (long n = (1L << 53) - 64; n <= (1L << 53) + 64; n++) AssertFormatsLikeReference(n);
    }

    [Fact]
    public void TheLongestTextsFitInMaxPlainLengthWithTheirSlack()
    {
        // Digits are stored a word at a time: nothing may land past the room the caller was asked for.
        var buffer = new byte[GoFloatText.MaxPlainLength + 16];
        foreach (double v in (double[])[-double.Epsilon, -2 * double.Epsilon, -Math.BitIncrement(2.2250738585072014E-308), double.MinValue, -1e-300])
        {
            buffer.AsSpan().Fill((byte)'x');
            GoFloatText.FormatPlainUtf8(v, buffer.AsSpan(0, GoFloatText.MaxPlainLength));
            Assert.All(buffer[GoFloatText.MaxPlainLength..], b => Assert.Equal((byte)'x', b));
            AssertFormatsLikeReference(v);
        }
    }

    [Fact]
    public void ADestinationWithLessThanMaxPlainLengthIsRefused() =>
        Assert.Throws<ArgumentException>(() => GoFloatText.FormatPlainUtf8(1, new byte[GoFloatText.MaxPlainLength - 1]));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(1.5e-7, "0.00000015")]
    [InlineData(330.1877894736841, "330.1877894736841")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void SpecialValuesAndExamplesAreWrittenAsGoWritesThem(double v, string expected)
    {
        Assert.Equal(expected, Format(v));
        Assert.Equal(expected, GoFloatText.FormatPlain(v));
    }

    /// <summary>
    /// Equal to the reference where that reads back as <paramref name="v"/>. At some powers of two the runtime's
    /// shortest digits fall outside the (halved) lower half-gap and read back as a neighbour, as for 2^-958
    /// (runtime 4.104536801298376E-289, Go 4.1045368012983762e-289); there ours must still read back exactly.
    /// </summary>
    private static void AssertFormatsLikeReference(double v)
    {
        string reference = Reference(v), ours = Format(v);
        if (!double.IsFinite(v) || double.Parse(reference, CultureInfo.InvariantCulture) == v) Assert.Equal(reference, ours);
        else Assert.Equal(v, double.Parse(ours, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ThePowerOfTwoTheRuntimeMisformatsIsWrittenAsGoWritesIt() =>
        Assert.Equal("4.1045368012983762", Format(Math.ScaleB(1, -958)).TrimStart('0', '.').Insert(1, "."));

    private static string Format(double v)
    {
        Span<byte> buffer = stackalloc byte[GoFloatText.MaxPlainLength];
        return Encoding.ASCII.GetString(buffer[..GoFloatText.FormatPlainUtf8(v, buffer)]);
    }

    /// <summary>The runtime's shortest round-trip text, its exponent (if any) moved into the digits.</summary>
    private static string Reference(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "+Inf" : "-Inf";
        var r = v.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0) return r;
        int exp = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = r[..e];
        bool negative = mantissa.StartsWith('-');
        if (negative) mantissa = mantissa[1..];
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointAt = (dot < 0 ? mantissa.Length : dot) + exp;
        string plain = pointAt <= 0
            ? "0." + new string('0', -pointAt) + digits
            : pointAt >= digits.Length
                ? digits + new string('0', pointAt - digits.Length)
                : digits[..pointAt] + "." + digits[pointAt..];
        return negative ? "-" + plain : plain;
    }
}
