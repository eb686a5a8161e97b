using Tsdb.Scrape.Parsing;

namespace Tsdb.Scrape.Tests.Parsing;

public class ContentNegotiationTests
{
    [Theory]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics)]
    [InlineData("Application/OpenMetrics-Text", ExpositionFormat.OpenMetrics)]
    [InlineData("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("application/json", ExpositionFormat.PrometheusText)]
    [InlineData("", ExpositionFormat.PrometheusText)]
    [InlineData(null, ExpositionFormat.PrometheusText)]
    public void ChoosesTheParserFromContentType(string? contentType, ExpositionFormat expected) =>
        Assert.Equal(expected, ContentNegotiation.FormatFromContentType(contentType));

    [Fact]
    public void AcceptHeaderPrefersOpenMetricsThenText()
    {
        var ranges = ContentNegotiation.AcceptHeader.Split(',');
        Assert.Equal(["application/openmetrics-text;version=1.0.0", "application/openmetrics-text;version=0.0.1;q=0.75",
            "text/plain;version=0.0.4;q=0.5", "*/*;q=0.1"], ranges);
    }

    [Fact]
    public void CreatesTheMatchingParser()
    {
        Assert.Equal(ExpositionFormat.OpenMetrics, ExpositionParser.Create(ExpositionFormat.OpenMetrics).Format);
        Assert.Equal(ExpositionFormat.PrometheusText, ExpositionParser.Create(ExpositionFormat.PrometheusText).Format);
    }
}
