using Tsdb.Query.Parsing;

namespace Tsdb.Query.Tests.Parsing;

public class LexerTests
{
    private static Token Single(string input)
    {
        var tokens = Lexer.Tokenize(input);
        Assert.Equal(2, tokens.Count);
        Assert.Equal(TokenKind.Eof, tokens[1].Kind);
        return tokens[0];
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("1.5", 1.5)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("0x1F", 31.0)]
    [InlineData("0XfF", 255.0)]
    [InlineData("017", 15.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1E-2", 0.01)]
    [InlineData("2.5e+2", 250.0)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("iNf", double.PositiveInfinity)]
    public void Numbers(string text, double expected)
    {
        var token = Single(text);
        Assert.Equal(TokenKind.Number, token.Kind);
        Assert.True(GoFloat.TryParse(token.Text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    public void NaN_is_a_number(string text)
    {
        var token = Single(text);
        Assert.Equal(TokenKind.Number, token.Kind);
        Assert.True(GoFloat.TryParse(token.Text, out var value));
        Assert.True(double.IsNaN(value));
    }

    [Theory]
    [InlineData("Infinity", "Identifier")]
    [InlineData("nan_total", "Identifier")]
    [InlineData("foo:bar", "MetricIdentifier")]
    [InlineData("SUM", "Sum")]
    [InlineData("Offset", "Offset")]
    [InlineData("group_left", "GroupLeft")]
    public void Words(string text, string kind)
    {
        Assert.Equal(Enum.Parse<TokenKind>(kind), Single(text).Kind);
    }

    [Theory]
    [InlineData("5m", 5 * 60_000L)]
    [InlineData("1h30m", 90 * 60_000L)]
    [InlineData("1y2w3d4h5m6s7ms", 365 * 86_400_000L + 17 * 86_400_000L + 4 * 3_600_000L + 5 * 60_000L + 6_000L + 7L)]
    [InlineData("10ms", 10L)]
    [InlineData("0", 0L)]
    public void Durations_parse(string text, long milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var d, out var error), error);
        Assert.Equal(milliseconds, (long)d.TotalMilliseconds);
    }

    [Theory]
    [InlineData("5m1h", "not a valid duration string: \"5m1h\"")]
    [InlineData("1h1h", "not a valid duration string: \"1h1h\"")]
    [InlineData("", "empty duration string")]
    [InlineData("99999999999999y", "duration out of range")]
    public void Bad_durations_are_refused(string text, string message)
    {
        Assert.False(Durations.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData(90 * 86_400_000L, "90d")]
    [InlineData(14 * 86_400_000L, "2w")]
    [InlineData(365 * 86_400_000L, "1y")]
    [InlineData(5_400_000L, "1h30m")]
    [InlineData(1_500L, "1s500ms")]
    [InlineData(0L, "0s")]
    public void Durations_format(long milliseconds, string expected)
    {
        Assert.Equal(expected, Durations.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Duration_inside_brackets_and_number_outside()
    {
        var kinds = Lexer.Tokenize("foo[5m] offset 5m + 5").Select(t => t.Kind);
        Assert.Equal(
            [TokenKind.Identifier, TokenKind.LeftBracket, TokenKind.Duration, TokenKind.RightBracket, TokenKind.Offset,
             TokenKind.Duration, TokenKind.Add, TokenKind.Number, TokenKind.Eof],
            kinds);
    }

    [Fact]
    public void Words_inside_braces_are_label_names()
    {
        var tokens = Lexer.Tokenize("{sum=\"a\",offset!~'b'}");
        Assert.Equal(
            [TokenKind.LeftBrace, TokenKind.Identifier, TokenKind.Assign, TokenKind.String, TokenKind.Comma,
             TokenKind.Identifier, TokenKind.NeqRegex, TokenKind.String, TokenKind.RightBrace, TokenKind.Eof],
            tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Comments_are_skipped()
    {
        var kinds = Lexer.Tokenize("foo # the rest\n+ bar # more").Select(t => t.Kind);
        Assert.Equal([TokenKind.Identifier, TokenKind.Add, TokenKind.Identifier, TokenKind.Eof], kinds);
    }

    [Theory]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("'a\\'b'", "a'b")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"\\a\\b\\f\\r\\t\\v\\\\\"", "\a\b\f\r\t\v\\")]
    [InlineData("\"\\x41\\101\\u00e9\\U0001F600\"", "AAé😀")]
    [InlineData("\"\\xc3\\xa9\"", "é")]
    [InlineData("`raw\\n\"'`", "raw\\n\"'")]
    [InlineData("\"日本\"", "日本")]
    public void Strings_and_escapes(string literal, string expected)
    {
        var token = Single(literal);
        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal(expected, GoQuote.Unquote(token.Text));
    }

    [Theory]
    [InlineData("\"a\\qb\"", "unknown escape sequence U+0071 'q'")]
    [InlineData("\"a\\'\"", "unknown escape sequence U+0027 '''")]
    [InlineData("\"\\x4\"", "illegal character U+0022 '\"' in escape sequence")]
    [InlineData("\"\\uD800\"", "escape sequence is an invalid Unicode code point")]
    [InlineData("\"abc", "unterminated quoted string")]
    [InlineData("`abc", "unterminated raw string")]
    [InlineData("1_000", "bad number or duration syntax: \"1\"")]
    public void Lexical_errors(string input, string message)
    {
        var last = Lexer.Tokenize(input)[^1];
        Assert.Equal(TokenKind.Error, last.Kind);
        Assert.Equal(message, last.Text);
    }

    [Theory]
    [InlineData("a\u0001b", "\"a\\x01b\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("é\u200b", "\"é\\u200b\"")]
    [InlineData("q\"\\", "\"q\\\"\\\\\"")]
    public void Strings_are_quoted_like_go(string value, string quoted)
    {
        Assert.Equal(quoted, GoQuote.Quote(value));
        Assert.Equal(value, GoQuote.Unquote(quoted));
    }
}
