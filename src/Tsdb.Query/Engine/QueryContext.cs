using System.Diagnostics;

namespace Tsdb.Query.Engine;

/// <summary>
/// What every part of one query's evaluation shares: the query's own start and end (for <c>@ start()</c>
/// and <c>@ end()</c>), the sample budget and the cancellation that carries the timeout.
/// </summary>
internal sealed class QueryContext(long queryStart, long queryEnd, EngineOptions options, CancellationToken callerToken, CancellationToken token)
{
    private readonly long _deadline = options.Timeout > TimeSpan.Zero
        ? Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency)
        : long.MaxValue;
    private int _currentSamples;

    public long QueryStart { get; } = queryStart;

    public long QueryEnd { get; } = queryEnd;

    public EngineOptions Options { get; } = options;

    /// <summary>Takes <paramref name="count"/> points from the budget; fails the query when it would overflow.</summary>
    public void Take(int count)
    {
        _currentSamples += count;
        if (_currentSamples > Options.MaxSamples)
            throw new QueryException(QueryErrorType.Execution,
                "query processing would load too many samples into memory in query execution");
    }

    /// <summary>Gives back points that are no longer held.</summary>
    public void Release(int count) => _currentSamples -= count;

    /// <summary>Stops the evaluation when the caller canceled or the timeout passed.</summary>
    public void ThrowIfStopped()
    {
        // The clock is read as well as the token, so a passed deadline is seen even before its timer fires.
        if (!token.IsCancellationRequested && Stopwatch.GetTimestamp() < _deadline) return;
        if (callerToken.IsCancellationRequested)
            throw new QueryException(QueryErrorType.Canceled, "query was canceled in expression evaluation");
        throw new QueryException(QueryErrorType.Timeout, "query timed out in expression evaluation");
    }
}
