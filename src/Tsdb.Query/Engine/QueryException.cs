namespace Tsdb.Query.Engine;

/// <summary>A query that could not be evaluated; <see cref="ErrorType"/> tells the HTTP API how to report it.</summary>
public sealed class QueryException(QueryErrorType errorType, string message, Exception? inner = null) : Exception(message, inner)
{
    public QueryErrorType ErrorType { get; } = errorType;
}
