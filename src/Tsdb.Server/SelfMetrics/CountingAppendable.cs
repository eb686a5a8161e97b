using Tsdb.Storage;

namespace Tsdb.Server.SelfMetrics;

/// <summary>
/// The storage as writers see it, counting what each commit appended and refused into the head's
/// self-metrics, and optionally into the counter of the writer's own kind (remote write, scrapes).
/// </summary>
public sealed class CountingAppendable(IAppendable storage, ServerMetrics metrics, Counter? appendedBySource = null) : IAppendable
{
    public IAppender Appender() => new CountingAppender(storage.Appender(), metrics, appendedBySource);

    private sealed class CountingAppender(IAppender inner, ServerMetrics metrics, Counter? appendedBySource) : IAppender
    {
        public AppendStatus Append(Labels labels, long timestamp, double value, out SeriesRef seriesRef) =>
            inner.Append(labels, timestamp, value, out seriesRef);

        public AppendStatus Append(SeriesRef seriesRef, long timestamp, double value) => inner.Append(seriesRef, timestamp, value);

        public CommitResult Commit()
        {
            var result = inner.Commit();
            metrics.SamplesAppended.Inc(result.Appended);
            appendedBySource?.Inc(result.Appended);
            if (result.OutOfOrder > 0) metrics.OutOfOrderSamples.Inc(result.OutOfOrder);
            if (result.SeriesCreated > 0) metrics.SeriesCreated.Inc(result.SeriesCreated);
            return result;
        }

        public void Rollback() => inner.Rollback();
    }
}
