namespace Tsdb.Load.Systems;

/// <summary>
/// Reads the resident memory of some processes every <see cref="Interval"/> from its creation until
/// <see cref="StopAsync"/>, and keeps every reading. A single reading of a garbage-collected process catches
/// it at a random point of its collector's cycle: a Go heap may be held at up to twice its live size, or
/// already collected and returned to the kernel, so two runs of the same ingest read tens of percent apart.
/// Readings over a period in which the collectors ran show the memory the process holds its data in.
/// </summary>
public sealed class ResidentMemorySampler
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly int[] _pids;
    private readonly List<long>[] _readings;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ResidentMemorySampler(IReadOnlyList<int> pids)
    {
        _pids = pids.ToArray();
        _readings = _pids.Select(_ => new List<long>()).ToArray();
        Sample();
        _sampling = Task.Run(SampleUntilStoppedAsync);
    }

    /// <summary>Stops sampling after one last reading; every reading per process, in the order given.</summary>
    public async Task<IReadOnlyList<long>[]> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
        Sample();
        return _readings;
    }

    private async Task SampleUntilStoppedAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Sample();
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        for (int i = 0; i < _pids.Length; i++) _readings[i].Add(ProcessStats.Read(_pids[i]).ResidentBytes);
    }
}
