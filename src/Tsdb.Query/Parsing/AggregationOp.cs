namespace Tsdb.Query.Parsing;

public enum AggregationOp
{
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
}

public static class AggregationOpFacts
{
    public static string Text(this AggregationOp op) => op switch
    {
        AggregationOp.Sum => "sum",
        AggregationOp.Avg => "avg",
        AggregationOp.Count => "count",
        AggregationOp.Min => "min",
        AggregationOp.Max => "max",
        AggregationOp.Group => "group",
        AggregationOp.Stddev => "stddev",
        AggregationOp.Stdvar => "stdvar",
        AggregationOp.Topk => "topk",
        AggregationOp.Bottomk => "bottomk",
        AggregationOp.CountValues => "count_values",
        AggregationOp.Quantile => "quantile",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>True for the aggregations that take a parameter before the expression.</summary>
    public static bool HasParameter(this AggregationOp op) =>
        op is AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.CountValues or AggregationOp.Quantile;

    /// <summary>The type the parameter must have (<see cref="ExprType.None"/> without one).</summary>
    public static ExprType ParameterType(this AggregationOp op) => op switch
    {
        AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile => ExprType.Scalar,
        AggregationOp.CountValues => ExprType.String,
        _ => ExprType.None,
    };
}
