using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tsdb.Scrape.Configuration;

namespace Tsdb.Scrape.Discovery;

/// <summary>
/// Runs service discovery for every scrape config and writes, whenever a job's targets may have changed,
/// that job's complete set of target groups to <see cref="Updates"/>. Static groups are published once.
/// </summary>
public sealed class DiscoveryManager(IReadOnlyList<ScrapeConfig> scrapeConfigs, ILogger logger)
{
    private readonly Channel<DiscoveryUpdate> _updates = Channel.CreateUnbounded<DiscoveryUpdate>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<DiscoveryUpdate> Updates => _updates.Reader;

    /// <summary>The groups of a scrape config's static_configs, source "0", "1", ... as in Prometheus.</summary>
    public static IReadOnlyList<TargetGroup> StaticGroups(ScrapeConfig config) =>
        config.StaticConfigs.Select((s, i) => TargetGroup.Create(i.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Targets, s.Labels)).ToList();

    /// <summary>Runs until cancelled, then completes <see cref="Updates"/>.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        try
        {
            await Task.WhenAll(scrapeConfigs.Select(c => RunJobAsync(c, cancellation))).ConfigureAwait(false);
        }
        finally
        {
            _updates.Writer.TryComplete();
        }
    }

    private async Task RunJobAsync(ScrapeConfig config, CancellationToken cancellation)
    {
        // Keyed by provider index and source, so two file_sd configs naming the same file stay apart.
        var groups = new Dictionary<(int Provider, string Source), TargetGroup>();
        var gate = new SemaphoreSlim(1, 1);
        // The job's first update waits for every provider's first answer: a job with file_sd targets never
        // shows up with its static targets alone, which would stop and restart its loops on every reload.
        var answered = new bool[config.FileSdConfigs.Count + 1];
        int unanswered = answered.Length;

        async ValueTask Publish(int provider, IReadOnlyList<TargetGroup> changed)
        {
            await gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                foreach (var group in changed)
                {
                    if (group.Targets.Count == 0) groups.Remove((provider, group.Source));
                    else groups[(provider, group.Source)] = group;
                }
                if (!answered[provider])
                {
                    answered[provider] = true;
                    unanswered--;
                }
                if (unanswered > 0) return;
                var snapshot = groups.OrderBy(g => g.Key.Provider).ThenBy(g => g.Key.Source, StringComparer.Ordinal).Select(g => g.Value).ToList();
                await _updates.Writer.WriteAsync(new DiscoveryUpdate(config.JobName, snapshot), cancellation).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        await Publish(0, StaticGroups(config)).ConfigureAwait(false);
        var fileTasks = config.FileSdConfigs.Select((fileConfig, i) =>
            new FileDiscovery(fileConfig, logger).RunAsync(changed => Publish(i + 1, changed), cancellation));
        try
        {
            await Task.WhenAll(fileTasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }
}
