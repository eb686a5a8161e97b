namespace Tsdb.Query.Engine;

/// <summary>The error classes of the Prometheus HTTP API that a query can fail with.</summary>
public enum QueryErrorType
{
    BadData,
    Execution,
    Timeout,
    Canceled,
}

public static class QueryErrorTypeNames
{
    /// <summary>The <c>errorType</c> string of the HTTP API.</summary>
    public static string ApiName(this QueryErrorType type) => type switch
    {
        QueryErrorType.BadData => "bad_data",
        QueryErrorType.Execution => "execution",
        QueryErrorType.Timeout => "timeout",
        QueryErrorType.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
