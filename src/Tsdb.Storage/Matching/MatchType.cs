namespace Tsdb.Storage;

public enum MatchType
{
    /// <summary><c>=</c></summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>=~</c></summary>
    Regex,
    /// <summary><c>!~</c></summary>
    NotRegex,
}
