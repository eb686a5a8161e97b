using System.Diagnostics;
using Tsdb.Query.Engine;
using Tsdb.Query.Parsing;

namespace Tsdb.Server.Api;

/// <summary>
/// <c>/api/v1/query</c>, <c>/api/v1/query_range</c>, <c>/api/v1/format_query</c> and
/// <c>/api/v1/query_exemplars</c>, checking parameters in Prometheus 2.42's order with its messages.
/// </summary>
public static class QueryApi
{
    public static void MapQueryApi(this IEndpointRouteBuilder endpoints, ApiServices services)
    {
        endpoints.MapApi("/api/v1/query", services, InstantAsync);
        endpoints.MapApi("/api/v1/query_range", services, RangeAsync);
        endpoints.MapApi("/api/v1/format_query", services, FormatAsync);
        // Exemplars are not stored; the answer is the one Prometheus gives when it has none.
        endpoints.MapApi("/api/v1/query_exemplars", services, (_, _, _) => ApiAnswer.Of(json =>
        {
            json.WriteStartArray();
            json.WriteEndArray();
        }));
    }

    private static Task<ApiAnswer> InstantAsync(ApiRequest request, ApiServices services, HttpContext context)
    {
        long time = request.TimeParam("time", services.NowMs());
        var timeout = request.DurationParam("timeout");
        var query = request.Get("query");
        ParseOrThrow(query, wrapAsParameter: true);
        var result = Evaluate(services, timeout, context.RequestAborted,
            (engine, token) => engine.Instant(services.Head, query, time, token));
        return Task.FromResult(result);
    }

    private static Task<ApiAnswer> RangeAsync(ApiRequest request, ApiServices services, HttpContext context)
    {
        long start = request.RequiredTime("start");
        long end = request.RequiredTime("end");
        if (end < start)
            throw new ApiException(ApiError.InvalidParameter("end", "end timestamp must not be before start time"));
        var stepText = request.Get("step");
        if (!ApiRequest.TryParseDuration(stepText, out var step, out var stepError))
            throw new ApiException(ApiError.InvalidParameter("step", stepError));
        if (step <= TimeSpan.Zero)
            throw new ApiException(ApiError.InvalidParameter("step",
                "zero or negative query resolution step widths are not accepted. Try a positive integer"));
        long stepMs = Math.Max(1, (long)step.TotalMilliseconds);
        if ((end - start) / step.TotalMilliseconds > PromQLEngine.MaxPointsPerSeries)
            throw new ApiException(ApiError.BadData(
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"));
        var timeout = request.DurationParam("timeout");
        var query = request.Get("query");
        var expr = ParseOrThrow(query, wrapAsParameter: false);
        if (expr.Type is not (ExprType.Vector or ExprType.Scalar))
            throw new ApiException(ApiError.BadData(
                $"invalid expression type \"{expr.Type.Documented()}\" for range query, must be Scalar or instant Vector"));
        var result = Evaluate(services, timeout, context.RequestAborted,
            (engine, token) => engine.Range(services.Head, query, start, end, stepMs, token),
            new StepPointPrefixes(start, end, stepMs));
        return Task.FromResult(result);
    }

    private static Task<ApiAnswer> FormatAsync(ApiRequest request, ApiServices services, HttpContext context)
    {
        var expr = ParseOrThrow(request.Get("query"), wrapAsParameter: true);
        var formatted = Printer.Print(expr);
        return ApiAnswer.Of(json => json.WriteStringValue(formatted));
    }

    /// <summary>
    /// Parses the query to report syntax errors as Prometheus does: an instant query's error names the
    /// "query" parameter, a range query's does not.
    /// </summary>
    private static Expr ParseOrThrow(string query, bool wrapAsParameter)
    {
        try
        {
            return PromQL.Parse(query);
        }
        catch (PromQLParseException e)
        {
            throw new ApiException(wrapAsParameter ? ApiError.InvalidParameter("query", e.Message) : ApiError.BadData(e.Message));
        }
    }

    private static ApiAnswer Evaluate(ApiServices services, TimeSpan? timeout, CancellationToken aborted,
        Func<PromQLEngine, CancellationToken, QueryResult> run, StepPointPrefixes? stepPrefixes = null)
    {
        var options = services.EngineOptions;
        if (timeout is { } t && t < options.Timeout) options = options with { Timeout = t };
        var engine = new PromQLEngine(options);
        var metrics = services.Metrics;
        metrics.EngineQueries.Inc();
        long started = Stopwatch.GetTimestamp();
        try
        {
            var result = run(engine, aborted);
            return new ApiAnswer((json, sendSoFar) => ApiJson.WriteQueryDataAsync(json, result.Value, sendSoFar, stepPrefixes), result.Warnings);
        }
        catch (QueryException e)
        {
            metrics.EngineQueryFailures.WithLabels(e.ErrorType.ApiName()).Inc();
            throw new ApiException(ApiError.FromQuery(e));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            throw new ApiException(new ApiError("canceled", "query was canceled in expression evaluation"));
        }
        finally
        {
            metrics.EngineQueries.Dec();
            metrics.EngineQueryDuration.WithLabels("inner_eval").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
