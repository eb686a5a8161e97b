namespace Tsdb.Scrape.Targets;

/// <summary>A target's health as the targets API reports it (<c>up</c>, <c>down</c>, <c>unknown</c>).</summary>
public enum TargetHealth
{
    /// <summary>Not scraped yet.</summary>
    Unknown,
    /// <summary>The last scrape succeeded.</summary>
    Up,
    /// <summary>The last scrape failed; <see cref="TargetStatus.LastError"/> says why.</summary>
    Down,
}
