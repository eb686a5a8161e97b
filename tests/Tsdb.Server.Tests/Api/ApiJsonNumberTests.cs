using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Engine;
using Tsdb.Server.Api;

namespace Tsdb.Server.Tests.Api;

/// <summary>The allocation-free number writers of the API write what Go's strconv would.</summary>
public sealed class ApiJsonNumberTests
{
    [Fact]
    public void TimestampsAreTheShortestDecimalOfTheSeconds()
    {
        var times = Gen.Choose(0, int.MaxValue).Two().Select(p => ((long)p.Item1 << 12 | (uint)p.Item2 % 4096) % 100_000_000_000_000L);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Arb.From(Gen.OneOf(times, Gen.Elements(0L, 1L, 10L, 100L, 1000L, 1500L, 1050L, 1005L, -1500L))), ms =>
        {
            Assert.Equal(GoFloatText.FormatPlain(ms / 1000.0), Write(json => ApiJson.WriteTimestamp(json, ms)));
        }));
    }

    [Theory]
    [InlineData(0.1333333333333333, "\"0.1333333333333333\"")]
    [InlineData(1e21, "\"1000000000000000000000\"")]
    [InlineData(1.5e-7, "\"0.00000015\"")]
    [InlineData(double.NegativeInfinity, "\"-Inf\"")]
    [InlineData(-0.0, "\"-0\"")]
    public void SampleValuesAreQuotedGoShortestDecimals(double value, string expected) =>
        Assert.Equal(expected, Write(json => ApiJson.WriteSampleValue(json, value)));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            write(json);
            json.WriteEndArray();
        }
        var text = Encoding.UTF8.GetString(stream.ToArray());
        return text[1..^1];
    }
}
