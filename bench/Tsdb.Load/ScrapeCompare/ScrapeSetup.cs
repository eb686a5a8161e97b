namespace Tsdb.Load.ScrapeCompare;

/// <summary>The scrape workload: how many targets of how many series, how often scraped, and how long measured.</summary>
public sealed record ScrapeSetup(int Targets, int SeriesPerTarget, TimeSpan Interval, TimeSpan WarmUp, TimeSpan Window)
{
    public void Validate()
    {
        if (Targets is <= 0 or > 1000) throw new ArgumentException($"--targets must be between 1 and 1000, got {Targets}");
        if (SeriesPerTarget <= 0) throw new ArgumentException($"--series must be positive, got {SeriesPerTarget}");
        if (Interval < TimeSpan.FromSeconds(1)) throw new ArgumentException($"--interval must be at least 1 s, got {Interval.TotalSeconds} s");
        if (Window < 4 * Interval) throw new ArgumentException($"--seconds must cover at least 4 intervals, got {Window.TotalSeconds} s");
        if (Window.TotalSeconds != Math.Floor(Window.TotalSeconds)) throw new ArgumentException("--seconds must be whole seconds");
    }

    public long SamplesPerSecond => (long)(Targets * (double)SeriesPerTarget / Interval.TotalSeconds);

    public override string ToString() =>
        $"{Targets} targets x {SeriesPerTarget:N0} series every {Interval.TotalSeconds:0.###} s ({SamplesPerSecond:N0} samples/s), " +
        $"{WarmUp.TotalSeconds:0} s warm-up, {Window.TotalSeconds:0} s measured";
}
