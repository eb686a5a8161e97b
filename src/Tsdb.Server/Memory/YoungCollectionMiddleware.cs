namespace Tsdb.Server.Memory;

/// <summary>
/// Tells the <see cref="YoungGenerationCollector"/> of the end of every request, once its response is sent, so that
/// a collection's pause does not hold the response back.
/// </summary>
public static class YoungCollectionMiddleware
{
    public static void UseYoungGenerationCollection(this IApplicationBuilder app, YoungGenerationCollector collector)
    {
        app.Use((context, next) =>
        {
            context.Response.OnCompleted(static state =>
            {
                ((YoungGenerationCollector)state).RequestEnded();
                return Task.CompletedTask;
            }, collector);
            return next(context);
        });
    }
}
