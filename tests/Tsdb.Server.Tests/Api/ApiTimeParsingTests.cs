using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Server.Api;

namespace Tsdb.Server.Tests.Api;

public class ApiTimeParsingTests
{
    private static readonly Arbitrary<long> Milliseconds =
        Gen.Choose(-1_000_000, 1_000_000).Select(n => n * 4_000_037L + n % 1000).ToArbitrary();

    [Fact]
    public void UnixSecondsRoundTripToTheMillisecond() =>
        Prop.ForAll(Milliseconds, ms =>
            ApiRequest.TryParseTime((ms / 1000.0).ToString("R", CultureInfo.InvariantCulture), out long parsed) && parsed == ms)
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Rfc3339RoundTripsInAnyOffset() =>
        Prop.ForAll(Milliseconds, Gen.Choose(-12, 14).ToArbitrary(), (ms, hours) =>
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(hours));
            var text = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
            return ApiRequest.TryParseTime(text, out long parsed) && parsed == ms;
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("2023-01-01T00:00:00.123456789Z", 1672531200123)]
    [InlineData("2023-01-01T00:00:00Z", 1672531200000)]
    [InlineData("1.0005", 1000)]
    [InlineData("-1.5", -1500)]
    [InlineData("-292273086-05-16T16:47:06Z", ApiRequest.MinTime)]
    [InlineData("292277025-08-18T07:12:54.999999999Z", ApiRequest.MaxTime)]
    public void ParsesPrometheusTimes(string text, long expected)
    {
        Assert.True(ApiRequest.TryParseTime(text, out long ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2023-01-01")]
    [InlineData("2023-13-01T00:00:00Z")]
    [InlineData("")]
    public void RejectsWhatPrometheusRejects(string text) => Assert.False(ApiRequest.TryParseTime(text, out _));

    [Theory]
    [InlineData("15", 15_000)]
    [InlineData("0.5", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    public void ParsesDurations(string text, long expectedMs)
    {
        Assert.True(ApiRequest.TryParseDuration(text, out var d, out _));
        Assert.Equal(expectedMs, (long)d.TotalMilliseconds);
    }

    [Fact]
    public void DurationErrorsAreWordedAsPrometheusWordsThem()
    {
        Assert.False(ApiRequest.TryParseDuration("1e300", out _, out var overflow));
        Assert.Equal("cannot parse \"1e300\" to a valid duration. It overflows int64", overflow);
        Assert.False(ApiRequest.TryParseDuration("5 min", out _, out var bad));
        Assert.Equal("cannot parse \"5 min\" to a valid duration", bad);
    }
}
