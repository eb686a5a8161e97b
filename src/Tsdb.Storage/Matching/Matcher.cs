using System.Text.RegularExpressions;

namespace Tsdb.Storage;

/// <summary>
/// A label matcher with Prometheus semantics: regexes are fully anchored, and an absent label has the
/// value "" (so a matcher that matches "" also selects series without the label).
/// </summary>
public sealed class Matcher
{
    private readonly RegexValueMatcher? _regex;

    public MatchType Type { get; }
    public string Name { get; }
    public string Value { get; }

    private Matcher(MatchType type, string name, string value, RegexValueMatcher? regex)
    {
        Type = type;
        Name = name;
        Value = value;
        _regex = regex;
    }

    /// <summary>Creates a matcher; an invalid regex throws <see cref="ArgumentException"/> with the reason.</summary>
    public static Matcher Create(MatchType type, string name, string value)
    {
        var regex = type is MatchType.Regex or MatchType.NotRegex ? RegexValueMatcher.Create(value) : null;
        return new Matcher(type, name, value, regex);
    }

    public static Matcher Equal(string name, string value) => Create(MatchType.Equal, name, value);
    public static Matcher NotEqual(string name, string value) => Create(MatchType.NotEqual, name, value);
    public static Matcher Regex(string name, string pattern) => Create(MatchType.Regex, name, pattern);
    public static Matcher NotRegex(string name, string pattern) => Create(MatchType.NotRegex, name, pattern);

    public bool Matches(string value) => Type switch
    {
        MatchType.Equal => string.Equals(value, Value, StringComparison.Ordinal),
        MatchType.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
        MatchType.Regex => _regex!.IsMatch(value),
        MatchType.NotRegex => !_regex!.IsMatch(value),
        _ => throw new InvalidOperationException($"unknown match type {Type}"),
    };

    /// <summary>True when the matcher selects series that lack the label.</summary>
    public bool MatchesEmpty => Matches(string.Empty);

    /// <summary>
    /// The finite set of values a positive matcher can match (<c>=</c>, or <c>=~</c> over a plain
    /// alternation of literals), so the index can look them up instead of testing every value.
    /// </summary>
    public IReadOnlyList<string>? SetMatches => Type switch
    {
        MatchType.Equal => [Value],
        MatchType.Regex => _regex!.Literals,
        _ => null,
    };

    /// <summary>The matcher that selects exactly the values this one rejects.</summary>
    public Matcher Inverse() => Type switch
    {
        MatchType.Equal => new Matcher(MatchType.NotEqual, Name, Value, null),
        MatchType.NotEqual => new Matcher(MatchType.Equal, Name, Value, null),
        MatchType.Regex => new Matcher(MatchType.NotRegex, Name, Value, _regex),
        MatchType.NotRegex => new Matcher(MatchType.Regex, Name, Value, _regex),
        _ => throw new InvalidOperationException($"unknown match type {Type}"),
    };

    public override string ToString()
    {
        var op = Type switch
        {
            MatchType.Equal => "=",
            MatchType.NotEqual => "!=",
            MatchType.Regex => "=~",
            _ => "!~",
        };
        return $"{Name}{op}\"{LabelText.EscapeValue(Value)}\"";
    }
}
