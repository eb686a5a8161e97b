namespace Tsdb.Query.Parsing;

internal enum TokenKind
{
    Eof,
    /// <summary>A lexical error; the token text is the message.</summary>
    Error,
    Identifier,
    /// <summary>An identifier containing a colon (recording rule names): never a keyword or function.</summary>
    MetricIdentifier,
    Number,
    String,
    Duration,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,
    /// <summary><c>=</c> (a label matcher).</summary>
    Assign,
    EqlRegex,
    NeqRegex,

    // Binary operators.
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Eql,
    Neq,
    Lss,
    Gtr,
    Lte,
    Gte,
    And,
    Or,
    Unless,
    Atan2,

    // Aggregations.
    Sum,
    Avg,
    Count,
    Min,
    Max,
    Group,
    Stddev,
    Stdvar,
    Topk,
    Bottomk,
    CountValues,
    Quantile,

    // Keywords.
    Offset,
    By,
    Without,
    On,
    Ignoring,
    GroupLeft,
    GroupRight,
    Bool,
    Start,
    End,
}
