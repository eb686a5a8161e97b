namespace Tsdb.Load.Workload;

/// <summary>
/// Where a comparison's workloads end: the last round before the latest multiple of two hours (UTC). Prometheus
/// cuts its blocks at multiples of two hours and VictoriaMetrics its per-day index at midnight, one of them; a
/// workload that crossed one would be stored as two blocks, or indexed for two days, and the bytes on disk
/// would depend on the time of day the comparison ran. Every workload and its warm-up must fit in the two
/// hours before that end (<see cref="Span"/>).
/// </summary>
public static class BlockAlignedEnd
{
    public static readonly TimeSpan Span = TimeSpan.FromHours(2);

    public static long Before(long nowMs, int intervalSeconds)
    {
        long spanMs = (long)Span.TotalMilliseconds;
        return nowMs - nowMs % spanMs - intervalSeconds * 1000L;
    }
}
