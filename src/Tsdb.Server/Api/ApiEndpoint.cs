using System.Text.Json;

namespace Tsdb.Server.Api;

/// <summary>
/// Runs an API handler and writes its answer in the envelope: the handler either returns a writer for
/// the <c>data</c> value (with optional warnings) or throws an <see cref="ApiException"/>.
/// </summary>
public static class ApiEndpoint
{
    public delegate Task<ApiAnswer> Handler(ApiRequest request, ApiServices services, HttpContext context);

    public static void MapApi(this IEndpointRouteBuilder endpoints, string pattern, ApiServices services, Handler handler,
        bool postToo = true, bool putToo = false)
    {
        string[] methods = putToo ? ["POST", "PUT"] : postToo ? ["GET", "POST"] : ["GET"];
        endpoints.MapMethods(pattern, methods, (HttpContext context) => RunAsync(context, services, handler));
    }

    private static async Task RunAsync(HttpContext context, ApiServices services, Handler handler)
    {
        ApiAnswer answer;
        try
        {
            var request = await ApiRequest.ReadAsync(context.Request);
            answer = await handler(request, services, context);
        }
        catch (ApiException e)
        {
            await ApiJson.WriteErrorAsync(context.Response, e.Error);
            return;
        }
        await ApiJson.WriteSuccessAsync(context.Response, answer.WriteData, answer.Warnings);
    }
}

/// <summary>
/// A successful API answer: how to write its <c>data</c>, and warnings. The writer is given a function to await
/// between the elements of a long answer, which sends what was written so far: a query result can run to
/// tens of megabytes, which then never sit in the response buffer all at once.
/// </summary>
public sealed record ApiAnswer(Func<Utf8JsonWriter, Func<ValueTask>, ValueTask> WriteData, IReadOnlyList<string>? Warnings = null)
{
    public static Task<ApiAnswer> Of(Action<Utf8JsonWriter> writeData) => Task.FromResult(new ApiAnswer((json, _) =>
    {
        writeData(json);
        return ValueTask.CompletedTask;
    }));
}
