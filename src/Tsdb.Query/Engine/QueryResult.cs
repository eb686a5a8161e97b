namespace Tsdb.Query.Engine;

public sealed class QueryResult(QueryValue value, IReadOnlyList<string> warnings)
{
    public QueryValue Value { get; } = value;

    public IReadOnlyList<string> Warnings { get; } = warnings;
}
