namespace Tsdb.Scrape.Service;

/// <summary>
/// The outcome of the last configuration load, as <c>prometheus_config_last_reload_successful</c> and
/// <c>prometheus_config_last_reload_success_timestamp_seconds</c> report it.
/// </summary>
/// <param name="Successful">Whether the last attempt (start-up or reload) applied its file.</param>
/// <param name="LastSuccess">When a configuration was last applied; null before the first one.</param>
/// <param name="LastError">Why the last attempt failed; empty after a success.</param>
public sealed record ConfigReloadStatus(bool Successful, DateTimeOffset? LastSuccess, string LastError)
{
    public static readonly ConfigReloadStatus NeverLoaded = new(false, null, "");

    /// <summary>The success timestamp in seconds since the epoch, 0 before the first success (as Prometheus shows it).</summary>
    public double LastSuccessTimestampSeconds => LastSuccess is { } t ? t.ToUnixTimeMilliseconds() / 1000.0 : 0;
}
