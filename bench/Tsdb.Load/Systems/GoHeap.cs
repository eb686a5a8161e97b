namespace Tsdb.Load.Systems;

/// <summary>
/// A full garbage collection in a Go program that serves net/http/pprof, as Prometheus and VictoriaMetrics do:
/// a heap profile asked for with <c>gc=1</c> runs the collector to completion first.
/// </summary>
public static class GoHeap
{
    public static async Task CollectAsync(HttpClient client, Uri baseAddress, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(baseAddress, "debug/pprof/heap?gc=1"), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{baseAddress}debug/pprof/heap?gc=1 answered HTTP {(int)response.StatusCode}: no collection could be asked for");
        // The profile itself is not wanted; reading it to the end lets the connection be reused.
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
    }
}
