namespace Tsdb.Load.ScrapeCompare;

/// <summary>One system's measured window: the CPU its process used and what it says it scraped meanwhile.</summary>
public sealed record ScrapeResult(string System, TimeSpan Cpu, TimeSpan Window, ScrapeCounts Counts, long ResidentBytes, string? Problem)
{
    public bool Passed => Problem is null;

    public double CpuSecondsPerMillionSamples => Counts.SamplesScraped == 0 ? double.NaN : Cpu.TotalSeconds / (Counts.SamplesScraped / 1e6);

    /// <summary>Share of one core used over the window.</summary>
    public double CoreShare => Cpu / Window;
}
