using System.Text;
using Tsdb.Scrape.Parsing;

namespace Tsdb.Scrape.Tests.Parsing;

/// <summary>Malformed pages are rejected with the line and column of the fault and what was expected.</summary>
public class MalformedInputTests
{
    [Theory]
    // Prometheus text format.
    [InlineData("metric{job=\"a\" 1\n", 1, 16, "expected label name or '}', got \"1\"")]
    [InlineData("a 1\nb 2\nmetric{job \"a\"} 1\n", 3, 12, "expected '=' after label name \"job\"")]
    [InlineData("metric{job=\"a} 1\n", 1, 17, "unterminated value of label \"job\"")]
    [InlineData("metric{=\"a\"} 1\n", 1, 8, "expected label name")]
    [InlineData("metric{job=a} 1\n", 1, 12, "expected '\"' to start the value of label \"job\"")]
    [InlineData("metric 1 2 3\n", 1, 12, "expected end of line after timestamp")]
    [InlineData("metric abc\n", 1, 8, "invalid value \"abc\"")]
    [InlineData("metric\n", 1, 7, "expected value after metric, got end of line")]
    [InlineData("metric 1 12a\n", 1, 12, "expected timestamp or end of line after value")]
    [InlineData("metric 1 99999999999999999999\n", 1, 10, "is out of range")]
    [InlineData("# TYPE metric countr\n", 1, 15, "invalid metric type \"countr\"")]
    [InlineData("# HELP 1metric text\n", 1, 8, "expected metric name after HELP")]
    [InlineData("# HELP metric-x text\n", 1, 14, "expected a space after the metric name in HELP")]
    [InlineData("{job=\"a\"} 1\n", 1, 1, "expected metric name, got \"{\"")]
    [InlineData("metric{job=\"a\",job=\"b\"} 1\n", 1, 16, "duplicate label name \"job\"")]
    [InlineData("metric{__name__=\"x\"} 1\n", 1, 8, "duplicate label name \"__name__\"")]
    [InlineData("metric 0x1p3\n", 1, 8, "invalid value \"0x1p3\"")]
    [InlineData("metric 1_000\n", 1, 8, "invalid value \"1_000\"")]
    [InlineData("metric 1e400\n", 1, 8, "invalid value \"1e400\"")]
    [InlineData("metric{job=\"a\",,} 1\n", 1, 16, "expected label name")]
    [InlineData("m{a=\"日本\",b} 1\n", 1, 11, "expected '=' after label name \"b\", got \"}\"")]
    [InlineData("# TYPE metric unknown\n", 1, 15, "invalid metric type \"unknown\"")]
    [InlineData("metric{job=a} x\n", 1, 12, "expected '\"' to start the value of label \"job\"")]
    [InlineData("metric{job=\"a\",job=\"b\"} 1 x\n", 1, 16, "duplicate label name \"job\"")]
    public void PrometheusTextIsRejected(string page, int line, int column, string reason) =>
        AssertRejected(ExpositionFormat.PrometheusText, page, line, column, reason);

    [Theory]
    [InlineData("metric 1\n", 2, 1, "unexpected end of data: expected \"# EOF\"")]
    [InlineData("", 1, 1, "expected \"# EOF\"")]
    [InlineData("metric 1\n# EOF\nmetric 2\n", 3, 1, "unexpected data after \"# EOF\"")]
    [InlineData("# EOF\n\n", 2, 1, "unexpected data after \"# EOF\"")]
    [InlineData("metric 1", 1, 9, "expected a line feed")]
    [InlineData("metric  1\n# EOF\n", 1, 8, "expected value, got \" \"")]
    [InlineData("\n# EOF\n", 1, 1, "unexpected empty line")]
    [InlineData("# comment\n# EOF\n", 1, 1, "expected \"# HELP \", \"# TYPE \", \"# UNIT \" or \"# EOF\"")]
    [InlineData("metric{job=\"a\", env=\"b\"} 1\n# EOF\n", 1, 16, "expected label name, got \" \"")]
    [InlineData("metric 1 # {trace_id=\"abc\"} x\n# EOF\n", 1, 29, "invalid exemplar value \"x\"")]
    [InlineData("metric 1 NaN\n# EOF\n", 1, 10, "invalid timestamp \"NaN\"")]
    [InlineData("# UNIT metric_seconds bytes\n# EOF\n", 1, 23, "unit \"bytes\" is not a suffix of metric \"metric_seconds\"")]
    [InlineData("# TYPE metric untyped\n# EOF\n", 1, 15, "invalid metric type \"untyped\"")]
    [InlineData("# HELP metric\n# EOF\n", 1, 14, "expected a space and text after the metric name in HELP")]
    [InlineData("metric 1 2 3\n# EOF\n", 1, 12, "expected \"# {\" to start an exemplar")]
    [InlineData("metric{a=\"1\"}1\n# EOF\n", 1, 14, "expected a space and value, got \"1\"")]
    [InlineData("metric 1 # {a=\"1\"}\n# EOF\n", 1, 19, "expected a space and exemplar value, got end of line")]
    [InlineData("metric 1 1 # {a=\"1\"} 2 3 4\n# EOF\n", 1, 25, "expected end of line after exemplar timestamp")]
    [InlineData("metric{a=\"1\",a=\"2\"} 1\n# EOF\n", 1, 14, "duplicate label name \"a\"")]
    [InlineData("metric 1 # {a=\"1\",a=\"2\"} 1\n# EOF\n", 1, 19, "duplicate label name \"a\"")]
    [InlineData("metric 1 # {} 1 Inf\n# EOF\n", 1, 17, "invalid timestamp \"Inf\"")]
    [InlineData("metric\t1\n# EOF\n", 1, 7, "expected a space and value")]
    [InlineData("metric{a=\"1\"} 1 \n# EOF\n", 1, 17, "expected timestamp, got end of line")]
    [InlineData("metric{a=\"x\ny\"} 1\n# EOF\n", 1, 12, "unterminated value of label \"a\"")]
    [InlineData("metric{a=\"1\",a=\"2\"} x\n# EOF\n", 1, 14, "duplicate label name \"a\"")]
    public void OpenMetricsIsRejected(string page, int line, int column, string reason) =>
        AssertRejected(ExpositionFormat.OpenMetrics, page, line, column, reason);

    [Fact]
    public void InvalidUtf8InLabelValueIsRejected()
    {
        byte[] page = [.. "metric{a=\""u8, 0xC3, 0x28, .. "\"} 1\n"u8];
        var error = Assert.Throws<ExpositionParseException>(() => ParsedEntry.ParseAll(ExpositionFormat.PrometheusText, page));
        Assert.Equal((1, 11), (error.Line, error.Column));
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText, "m{a=\"1\",a=\"2\"} 1\n")]
    [InlineData(ExpositionFormat.OpenMetrics, "m{a=\"1\",a=\"2\"} 1\n# EOF\n")]
    public void DeferredLabelChecksRunOnlyWhenAsked(ExpositionFormat format, string page)
    {
        var parser = ExpositionParser.Create(format);
        parser.DeferLabelChecks = true;
        parser.Reset(Encoding.UTF8.GetBytes(page));

        Assert.Equal(EntryKind.Series, parser.Next());
        Assert.Equal("m{a=\"1\",a=\"2\"}", Encoding.UTF8.GetString(parser.Series));
        Assert.Equal(1.0, parser.Value);
        var error = Assert.Throws<ExpositionParseException>(parser.CheckLabels);
        Assert.Equal((1, 9), (error.Line, error.Column));
        Assert.Contains("duplicate label name \"a\"", error.Reason);
    }

    [Fact]
    public void MessageStartsWithThePosition()
    {
        var error = Assert.Throws<ExpositionParseException>(() =>
            ParsedEntry.ParseAll(ExpositionFormat.PrometheusText, "a 1\nb 2\nmetric{job \"a\"} 1\n"u8.ToArray()));
        Assert.StartsWith("line 3, column 12: expected '=' after label name \"job\"", error.Message);
    }

    private static void AssertRejected(ExpositionFormat format, string page, int line, int column, string reason)
    {
        var body = Encoding.UTF8.GetBytes(page);
        foreach (var parse in new Func<List<ParsedEntry>>[]
                 {
                     () => ParsedEntry.ParseAll(format, body),
                     () => ParsedEntry.ParseAllSegmented(format, body, 3),
                     () => ParsedEntry.ParseAll(format, body, deferLabelChecks: true),
                     () => ParsedEntry.ParseAllSegmented(format, body, 3, deferLabelChecks: true),
                 })
        {
            var error = Assert.Throws<ExpositionParseException>(parse);
            Assert.Contains(reason, error.Reason);
            Assert.Equal((line, column), (error.Line, error.Column));
        }
    }
}
