using System.Collections.Frozen;

namespace Tsdb.Query.Parsing;

internal static class TokenFacts
{
    /// <summary>Words with a meaning of their own, matched case-insensitively.</summary>
    public static readonly FrozenDictionary<string, TokenKind> Keywords = new Dictionary<string, TokenKind>
    {
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["unless"] = TokenKind.Unless,
        ["atan2"] = TokenKind.Atan2,
        ["sum"] = TokenKind.Sum,
        ["avg"] = TokenKind.Avg,
        ["count"] = TokenKind.Count,
        ["min"] = TokenKind.Min,
        ["max"] = TokenKind.Max,
        ["group"] = TokenKind.Group,
        ["stddev"] = TokenKind.Stddev,
        ["stdvar"] = TokenKind.Stdvar,
        ["topk"] = TokenKind.Topk,
        ["bottomk"] = TokenKind.Bottomk,
        ["count_values"] = TokenKind.CountValues,
        ["quantile"] = TokenKind.Quantile,
        ["offset"] = TokenKind.Offset,
        ["by"] = TokenKind.By,
        ["without"] = TokenKind.Without,
        ["on"] = TokenKind.On,
        ["ignoring"] = TokenKind.Ignoring,
        ["group_left"] = TokenKind.GroupLeft,
        ["group_right"] = TokenKind.GroupRight,
        ["bool"] = TokenKind.Bool,
        ["start"] = TokenKind.Start,
        ["end"] = TokenKind.End,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool IsAggregator(this TokenKind k) => k is >= TokenKind.Sum and <= TokenKind.Quantile;

    public static bool IsKeyword(this TokenKind k) => k is >= TokenKind.Offset and <= TokenKind.End;

    public static bool IsOperator(this TokenKind k) =>
        k is >= TokenKind.Add and <= TokenKind.Atan2 or TokenKind.Assign or TokenKind.EqlRegex or TokenKind.NeqRegex;

    /// <summary>Words usable as a metric name at the start of a selector (besides plain identifiers).</summary>
    public static bool CanBeMetricName(this TokenKind k) =>
        k is TokenKind.Identifier or TokenKind.MetricIdentifier or TokenKind.And or TokenKind.Or or TokenKind.Unless
            or TokenKind.By or TokenKind.Without or TokenKind.Offset or TokenKind.Start or TokenKind.End
        || k.IsAggregator();

    /// <summary>Words usable as a label name in by/without/on/ignoring/group lists.</summary>
    public static bool CanBeLabel(this TokenKind k) =>
        k is TokenKind.Identifier or TokenKind.MetricIdentifier || k.IsAggregator() || k.IsKeyword()
        || k is TokenKind.And or TokenKind.Or or TokenKind.Unless or TokenKind.Atan2;

    public static Operator? BinaryOperator(this TokenKind k) => k switch
    {
        TokenKind.Add => Operator.Add,
        TokenKind.Sub => Operator.Sub,
        TokenKind.Mul => Operator.Mul,
        TokenKind.Div => Operator.Div,
        TokenKind.Mod => Operator.Mod,
        TokenKind.Pow => Operator.Pow,
        TokenKind.Atan2 => Operator.Atan2,
        TokenKind.Eql => Operator.Eql,
        TokenKind.Neq => Operator.Neq,
        TokenKind.Lss => Operator.Lss,
        TokenKind.Gtr => Operator.Gtr,
        TokenKind.Lte => Operator.Lte,
        TokenKind.Gte => Operator.Gte,
        TokenKind.And => Operator.And,
        TokenKind.Or => Operator.Or,
        TokenKind.Unless => Operator.Unless,
        _ => null,
    };

    public static AggregationOp? Aggregation(this TokenKind k) => k switch
    {
        TokenKind.Sum => AggregationOp.Sum,
        TokenKind.Avg => AggregationOp.Avg,
        TokenKind.Count => AggregationOp.Count,
        TokenKind.Min => AggregationOp.Min,
        TokenKind.Max => AggregationOp.Max,
        TokenKind.Group => AggregationOp.Group,
        TokenKind.Stddev => AggregationOp.Stddev,
        TokenKind.Stdvar => AggregationOp.Stdvar,
        TokenKind.Topk => AggregationOp.Topk,
        TokenKind.Bottomk => AggregationOp.Bottomk,
        TokenKind.CountValues => AggregationOp.CountValues,
        TokenKind.Quantile => AggregationOp.Quantile,
        _ => null,
    };

    /// <summary>How an unexpected token is named in syntax errors, as Prometheus names it.</summary>
    public static string Describe(this Token t) => t.Kind switch
    {
        TokenKind.Eof => "end of input",
        TokenKind.Identifier => $"identifier {GoQuote.Quote(t.Text)}",
        TokenKind.MetricIdentifier => $"metric identifier {GoQuote.Quote(t.Text)}",
        TokenKind.Assign => "\"=\"",
        TokenKind.Number => $"number {GoQuote.Quote(t.Text)}",
        TokenKind.String => $"string {Abbreviate(t.Text)}",
        TokenKind.Duration => $"duration {GoQuote.Quote(t.Text)}",
        _ when t.Kind.IsOperator() => $"<op:{t.Text}>",
        _ when t.Kind.IsAggregator() => $"<aggr:{t.Text}>",
        _ when t.Kind.IsKeyword() => $"<{t.Text}>",
        _ => GoQuote.Quote(t.Text),
    };

    private static string Abbreviate(string text) =>
        text.Length > 10 ? GoQuote.Quote(text[..10]) + "..." : GoQuote.Quote(text);
}
