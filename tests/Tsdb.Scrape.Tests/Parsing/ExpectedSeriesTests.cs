using System.Text;
using Tsdb.Scrape.Parsing;

namespace Tsdb.Scrape.Tests.Parsing;

/// <summary>
/// A line compared with the series text the caller expects parses to the same entry as a line scanned in
/// full, and is taken as that text only when a full scan would end its series text at the same place.
/// </summary>
public class ExpectedSeriesTests
{
    [Theory]
    [InlineData(ExpositionFormat.PrometheusText, "m", "m 1", true)]
    [InlineData(ExpositionFormat.PrometheusText, "m", "m\t1 1700000000000", true)]
    [InlineData(ExpositionFormat.PrometheusText, "m", "  m 1", true)]
    [InlineData(ExpositionFormat.PrometheusText, "m", "m_total 1", false)]
    [InlineData(ExpositionFormat.PrometheusText, "m", "m:x 1", false)]
    [InlineData(ExpositionFormat.PrometheusText, "m", "m {a=\"1\"} 1", false)]
    [InlineData(ExpositionFormat.PrometheusText, "m", "m{a=\"1\"} 1", false)]
    [InlineData(ExpositionFormat.PrometheusText, "m{a=\"1\"}", "m{a=\"1\"} 2 1700000000000", true)]
    [InlineData(ExpositionFormat.PrometheusText, "m{a=\"1\"}", "m{a=\"1\"}3", true)]
    [InlineData(ExpositionFormat.PrometheusText, "m {a=\"1\",}", "m {a=\"1\",} 4", true)]
    [InlineData(ExpositionFormat.PrometheusText, "m{a=\"1\"}", "m{a=\"10\"} 5", false)]
    [InlineData(ExpositionFormat.PrometheusText, "m{a=\"1\"}", "m{a=\"1\",b=\"2\"} 6", false)]
    [InlineData(ExpositionFormat.PrometheusText, "m{a=\"1\"}", "n{a=\"1\"} 7", false)]
    [InlineData(ExpositionFormat.PrometheusText, "m{a=\"}\"}", "m{a=\"}\"} 8", true)]
    [InlineData(ExpositionFormat.OpenMetrics, "m", "m 1", true)]
    [InlineData(ExpositionFormat.OpenMetrics, "m", "m_total 1", false)]
    [InlineData(ExpositionFormat.OpenMetrics, "m{a=\"1\"}", "m{a=\"1\"} 2 1700000000.5", true)]
    [InlineData(ExpositionFormat.OpenMetrics, "m{a=\"1\"}", "m{a=\"1\"} 3 # {t=\"x\"} 1.5", true)]
    [InlineData(ExpositionFormat.OpenMetrics, "m{a=\"1\"}", "m{a=\"12\"} 4", false)]
    public void ParsesAsAFullScanDoes(ExpositionFormat format, string expected, string line, bool taken)
    {
        string page = format == ExpositionFormat.OpenMetrics ? line + "\n# EOF\n" : line + "\n";
        var scanned = ParsedEntry.ParseAll(format, Encoding.UTF8.GetBytes(page), deferLabelChecks: true)[0];

        var parser = ExpositionParser.Create(format);
        parser.DeferLabelChecks = true;
        parser.Reset(Encoding.UTF8.GetBytes(page));
        parser.ExpectedSeries = Encoding.UTF8.GetBytes(expected);
        var kind = parser.Next();

        Assert.Equal(taken, parser.SeriesWasExpected);
        Assert.Equal(scanned, ParsedEntry.Capture(parser, kind));
    }

    [Fact]
    public void IsIgnoredUnlessLabelChecksAreDeferred()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText);
        parser.Reset("m{a=\"1\",a=\"2\"} 1\n"u8.ToArray());
        parser.ExpectedSeries = "m{a=\"1\",a=\"2\"}"u8.ToArray();
        Assert.Throws<ExpositionParseException>(() => parser.Next());
    }

    [Fact]
    public void IsClearedWhenInputBegins()
    {
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText);
        parser.DeferLabelChecks = true;
        parser.ExpectedSeries = "m"u8.ToArray();
        parser.Reset("m 1\n"u8.ToArray());
        parser.Next();
        Assert.False(parser.SeriesWasExpected);
    }
}
