namespace Tsdb.Query.Parsing;

/// <summary>Which kind of <c>@</c> modifier a selector or subquery carries.</summary>
public enum AtModifier
{
    None,
    /// <summary><c>@ &lt;timestamp&gt;</c></summary>
    Timestamp,
    /// <summary><c>@ start()</c></summary>
    Start,
    /// <summary><c>@ end()</c></summary>
    End,
}
