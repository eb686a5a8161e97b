using Microsoft.Extensions.Logging;
using Tsdb.Scrape.Configuration;
using Tsdb.Scrape.Discovery;
using Tsdb.Scrape.Relabeling;
using Tsdb.Scrape.Targets;
using Tsdb.Storage;

namespace Tsdb.Scrape.Service;

/// <summary>
/// One scrape config and what it currently amounts to: the targets to scrape and those relabeling dropped.
/// Turns discovered target groups into <see cref="ScrapeTarget"/>s with the job's scrape settings.
/// </summary>
internal sealed class ScrapeJob
{
    private readonly ILogger _logger;

    /// <param name="config">The job's configuration.</param>
    /// <param name="previous">The same job under the configuration being replaced, whose hook is reused when its rules did not change.</param>
    /// <param name="logger">Where unusable targets are reported.</param>
    public ScrapeJob(ScrapeConfig config, ScrapeJob? previous, ILogger logger)
    {
        Config = config;
        _logger = logger;
        // Targets compare their relabel hook by reference: the same rules must give the same delegate,
        // or every reload would restart every loop of the job.
        MetricRelabel = previous is not null && RelabelRules.Same(previous.Config.MetricRelabelConfigs, config.MetricRelabelConfigs)
            ? previous.MetricRelabel
            : CreateMetricRelabel(config.MetricRelabelConfigs);
        Http = HttpSettings(config.HttpClient);
        if (previous is not null)
        {
            Active = previous.Active;
            Dropped = previous.Dropped;
        }
    }

    public ScrapeConfig Config { get; }

    public Func<Labels, Labels?>? MetricRelabel { get; }

    public ScrapeHttpSettings Http { get; }

    /// <summary>The targets discovery and relabeling left, whether or not they are scraped (see <see cref="LimitError"/>).</summary>
    public IReadOnlyList<ScrapeTarget> Active { get; private set; } = [];

    public IReadOnlyList<DroppedTarget> Dropped { get; private set; } = [];

    /// <summary>Set when the job has more targets than target_limit allows: then none of them is scraped.</summary>
    public string LimitError => LimitErrorFor(Active.Count);

    /// <summary>The targets to run loops for.</summary>
    public IReadOnlyList<ScrapeTarget> Scraped => LimitError.Length == 0 ? Active : [];

    /// <summary>Replaces the job's targets with those of <paramref name="groups"/> (the job's whole discovery state).</summary>
    public void Update(IReadOnlyList<TargetGroup> groups)
    {
        var active = new List<ScrapeTarget>();
        var dropped = new List<DroppedTarget>();
        var builder = new LabelsBuilder();
        foreach (var group in groups)
        {
            foreach (var discovered in group.Targets)
            {
                TargetLabels result;
                try
                {
                    result = TargetLabels.Populate(discovered, Config, builder);
                }
                catch (TargetLabelsException e)
                {
                    _logger.LogError("scrape job {Job}: skipping target {Labels}: {Error}", Config.JobName, discovered, e.Message);
                    continue;
                }
                if (result.Dropped) dropped.Add(new DroppedTarget(Config.JobName, result.DiscoveredLabels));
                else active.Add(CreateTarget(result));
            }
        }
        if (LimitErrorFor(active.Count) is { Length: > 0 } error) _logger.LogError("scrape job {Job}: {Error}", Config.JobName, error);
        Active = active;
        Dropped = dropped;
    }

    private string LimitErrorFor(int count) =>
        Config.TargetLimit > 0 && count > Config.TargetLimit
            ? $"target_limit exceeded (number of targets: {count}, limit: {Config.TargetLimit})"
            : "";

    private ScrapeTarget CreateTarget(TargetLabels result)
    {
        var labels = result.Labels!;
        return new ScrapeTarget
        {
            JobName = Config.JobName,
            Labels = result.PublicLabels(),
            DiscoveredLabels = result.DiscoveredLabels,
            Url = result.Url!,
            // Relabeling may have changed these; Populate checked that they parse.
            Interval = PromDuration.Parse(labels.Get(TargetLabels.ScrapeIntervalLabel)),
            Timeout = PromDuration.Parse(labels.Get(TargetLabels.ScrapeTimeoutLabel)),
            HonorLabels = Config.HonorLabels,
            HonorTimestamps = Config.HonorTimestamps,
            SampleLimit = ToLimit(Config.SampleLimit),
            LabelLimit = ToLimit(Config.LabelLimit),
            LabelNameLengthLimit = ToLimit(Config.LabelNameLengthLimit),
            LabelValueLengthLimit = ToLimit(Config.LabelValueLengthLimit),
            BodySizeLimit = Config.BodySizeLimitBytes,
            Http = Http,
            MetricRelabel = MetricRelabel,
        };
    }

    private static int ToLimit(long value) => (int)Math.Clamp(value, 0, int.MaxValue);

    private static Func<Labels, Labels?>? CreateMetricRelabel(IReadOnlyList<RelabelConfig> rules) =>
        rules.Count == 0 ? null : labels => Relabeler.Process(labels, rules);

    private static ScrapeHttpSettings HttpSettings(HttpClientConfig config)
    {
        var tls = config.Tls;
        bool hasTls = tls.CaFile.Length > 0 || tls.CertFile.Length > 0 || tls.KeyFile.Length > 0 ||
                      tls.ServerName.Length > 0 || tls.InsecureSkipVerify;
        return new ScrapeHttpSettings
        {
            BasicAuth = config.BasicAuth is { } basic
                ? new BasicAuthSettings(basic.Username, NullIfEmpty(basic.Password), NullIfEmpty(basic.PasswordFile))
                : null,
            BearerToken = NullIfEmpty(config.Authorization?.Credentials),
            BearerTokenFile = NullIfEmpty(config.Authorization?.CredentialsFile),
            AuthorizationType = config.Authorization?.Type ?? "Bearer",
            Tls = hasTls
                ? new TlsSettings
                {
                    CaFile = NullIfEmpty(tls.CaFile),
                    CertFile = NullIfEmpty(tls.CertFile),
                    KeyFile = NullIfEmpty(tls.KeyFile),
                    ServerName = NullIfEmpty(tls.ServerName),
                    InsecureSkipVerify = tls.InsecureSkipVerify,
                }
                : null,
            FollowRedirects = config.FollowRedirects,
        };
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
