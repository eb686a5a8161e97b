using Microsoft.AspNetCore.Http.Features;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// <c>POST /api/v1/write</c>. Like Prometheus 2.42 it does not insist on the Content-Type and
/// Content-Encoding headers (senders always send snappy protobuf); unlike it, the body size is bounded.
/// </summary>
public static class RemoteWriteEndpoint
{
    public const string Path = "/api/v1/write";

    public static void MapRemoteWrite(this IEndpointRouteBuilder endpoints, RemoteWriteReceiver receiver)
    {
        endpoints.MapPost(Path, (HttpContext context) => HandleAsync(context, receiver));
    }

    private static async Task HandleAsync(HttpContext context, RemoteWriteReceiver receiver)
    {
        long limit = receiver.MaxBodyBytes;
        // Our own limit replaces Kestrel's default one, so that it can answer 413 with a reason.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = null;

        long? declared = context.Request.ContentLength;
        if (declared > limit)
        {
            await WriteError(context, 413, $"request body of {declared} bytes exceeds the limit of {limit} bytes");
            return;
        }
        byte[] buffer = RemoteWriteBuffers.Pool.Rent((int)Math.Min(declared ?? 64 * 1024, limit) + 1);
        try
        {
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        await WriteError(context, 413, $"request body exceeds the limit of {limit} bytes");
                        return;
                    }
                    var bigger = RemoteWriteBuffers.Pool.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    RemoteWriteBuffers.Pool.Return(buffer);
                    buffer = bigger;
                }
                int read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
                if (read == 0) break;
                length += read;
            }
            var result = receiver.Handle(buffer.AsSpan(0, length));
            if (result.Success)
                context.Response.StatusCode = result.StatusCode;
            else
                await WriteError(context, result.StatusCode, result.Message);
        }
        finally
        {
            RemoteWriteBuffers.Pool.Return(buffer);
        }
    }

    /// <summary>The shape of Go's http.Error, which Prometheus answers with: the message and a newline, as plain text.</summary>
    private static Task WriteError(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return context.Response.WriteAsync(message + "\n");
    }
}
