using System.Text.RegularExpressions;

namespace Tsdb.Storage;

/// <summary>
/// Words a regex syntax error as Prometheus does (Go's regexp package: "error parsing regexp: missing
/// closing ): `^(?:()$`"), so clients see the message they know. Go names the anchored expression that
/// Prometheus compiles; the reasons are Go's for the errors both engines share.
/// </summary>
internal static class RegexErrorText
{
    public static string Describe(RegexParseException error, string pattern)
    {
        string reason = error.Error switch
        {
            RegexParseError.InsufficientClosingParentheses => "missing closing )",
            RegexParseError.InsufficientOpeningParentheses => "unexpected )",
            RegexParseError.UnterminatedBracket => "missing closing ]",
            RegexParseError.ReversedCharacterRange => "invalid character class range",
            RegexParseError.QuantifierAfterNothing => "missing argument to repetition operator",
            RegexParseError.NestedQuantifiersNotParenthesized => "invalid nested repetition operator",
            RegexParseError.UnescapedEndingBackslash => "trailing backslash at end of expression",
            RegexParseError.UnrecognizedEscape => "invalid escape sequence",
            RegexParseError.ReversedQuantifierRange => "invalid repeat count",
            RegexParseError.InvalidGroupingConstruct => "invalid or unsupported Perl syntax",
            _ => "invalid regular expression",
        };
        return $"error parsing regexp: {reason}: `^(?:{pattern})$`";
    }
}
