using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Scrape.Parsing;

namespace Tsdb.Scrape.Tests.Parsing;

public class FloatTextTests
{
    [Theory]
    // Go's strconv.FormatFloat(v, 'g', -1, 64) layout.
    [InlineData(1e6, "1e+06")]
    [InlineData(123456.0, "123456")]
    [InlineData(1.6584568832e10, "1.6584568832e+10")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001234, "1.234e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void FormatsLikeGo(double value, string expected)
    {
        Span<byte> buffer = stackalloc byte[FloatText.MaxFormattedLength];
        int length = FloatText.Format(value, buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..length]));
    }

    [Theory]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("1.5E3", 1500.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("-0", -0.0)]
    public void ParsesGoSyntax(string text, double expected)
    {
        Assert.True(FloatText.TryParse(Encoding.ASCII.GetBytes(text), out double value));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(expected), BitConverter.DoubleToUInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+nan")]
    [InlineData("0x10")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData(".")]
    [InlineData("1,5")]
    [InlineData("∞")]
    [InlineData("1e309")]
    public void RejectsWhatGoRejects(string text) => Assert.False(FloatText.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void EveryFiniteDoubleRoundTripsBitExactly()
    {
        var doubles = (from hi in Gen.Choose(int.MinValue, int.MaxValue)
                       from lo in Gen.Choose(int.MinValue, int.MaxValue)
                       select BitConverter.UInt64BitsToDouble(((ulong)(uint)hi << 32) | (uint)lo))
            .Where(double.IsFinite).ToArbitrary();
        Prop.ForAll(doubles, value =>
        {
            Span<byte> buffer = stackalloc byte[FloatText.MaxFormattedLength];
            int length = FloatText.Format(value, buffer);
            return FloatText.TryParse(buffer[..length], out double parsed) &&
                   BitConverter.DoubleToUInt64Bits(parsed) == BitConverter.DoubleToUInt64Bits(value);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void DecimalTextsParseToTheCorrectlyRoundedDouble()
    {
        // Short and long mantissas, leading zeros, every point position and small to large exponents:
        // both sides of the exact fast path, checked against the general parser bit for bit.
        var texts = from sign in Gen.Elements("", "-", "+")
                    from zeros in Gen.Choose(0, 3)
                    from high in Gen.Choose(0, int.MaxValue)
                    from low in Gen.Choose(0, int.MaxValue)
                    from length in Gen.Choose(1, 22)
                    from point in Gen.Choose(-1, length)
                    from exponent in Gen.Choose(-40, 40)
                    from hasExponent in Gen.Elements(true, false)
                    let digits = new string('0', zeros) + (high.ToString("D10") + low.ToString("D10") + high.ToString("D10"))[..length]
                    let withPoint = point < 0 ? digits : digits.Insert(zeros + point, ".")
                    select sign + withPoint + (hasExponent ? "e" + exponent : "");
        Prop.ForAll(texts.ToArbitrary(), text =>
        {
            double expected = double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            return FloatText.TryParse(Encoding.ASCII.GetBytes(text), out double parsed) &&
                   BitConverter.DoubleToUInt64Bits(parsed) == BitConverter.DoubleToUInt64Bits(expected);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));
    }
}
