using Tsdb.Query.Engine;

namespace Tsdb.Server.Api;

/// <summary>An error answer of the HTTP API: its <c>errorType</c>, message and the HTTP status Prometheus pairs with it.</summary>
public sealed record ApiError(string ErrorType, string Message)
{
    public static ApiError BadData(string message) => new("bad_data", message);

    /// <summary>A bad parameter, worded as Prometheus wraps it: <c>invalid parameter "name": reason</c>.</summary>
    public static ApiError InvalidParameter(string name, string reason) => BadData($"invalid parameter \"{name}\": {reason}");

    public static ApiError Internal(string message) => new("internal", message);

    public static ApiError Unavailable(string message) => new("unavailable", message);

    public static ApiError FromQuery(QueryException e) => new(e.ErrorType.ApiName(), e.Message);

    /// <summary>Prometheus answers 500 for every type it does not list, "unavailable" included.</summary>
    public int StatusCode => ErrorType switch
    {
        "bad_data" => 400,
        "execution" => 422,
        "canceled" or "timeout" => 503,
        "not_found" => 404,
        _ => 500,
    };
}

/// <summary>Thrown by parameter parsing and handlers; the endpoint wrapper turns it into the error envelope.</summary>
public sealed class ApiException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;
}
