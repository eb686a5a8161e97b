using Tsdb.Storage;

namespace Tsdb.Scrape.Targets;

/// <summary>
/// One endpoint to scrape, as service discovery and relabeling left it, with the scrape settings of its job.
/// Two targets are the same target when job, labels and URL are equal: that is how a reload tells a target
/// that is still there (its loop keeps running) from a new one.
/// </summary>
public sealed class ScrapeTarget : IEquatable<ScrapeTarget>
{
    private const string ReservedPrefix = "__";

    public required string JobName { get; init; }

    /// <summary>
    /// The labels attached to every scraped sample (<c>job</c>, <c>instance</c>, ...). Internal labels
    /// (names starting with <c>__</c>) must have been removed.
    /// </summary>
    public required Labels Labels { get; init; }

    /// <summary>The labels discovery produced, before relabeling; shown by the targets API.</summary>
    public Labels DiscoveredLabels { get; init; } = Labels.Empty;

    /// <summary>The full scrape URL: scheme, address, metrics path and query parameters.</summary>
    public required Uri Url { get; init; }

    public required TimeSpan Interval { get; init; }

    /// <summary>How long one scrape may take; sent to the target as <c>X-Prometheus-Scrape-Timeout-Seconds</c>.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Whether labels the target exposes win over conflicting target labels.</summary>
    public bool HonorLabels { get; init; }

    /// <summary>Whether timestamps written in the page are kept (otherwise every sample gets the scrape time).</summary>
    public bool HonorTimestamps { get; init; } = true;

    /// <summary>More samples than this after metric relabeling fail the scrape; 0 for no limit.</summary>
    public int SampleLimit { get; init; }

    /// <summary>More labels than this on a series (the name included) fail the scrape; 0 for no limit.</summary>
    public int LabelLimit { get; init; }

    /// <summary>A label name longer than this (in bytes) fails the scrape; 0 for no limit.</summary>
    public int LabelNameLengthLimit { get; init; }

    /// <summary>A label value longer than this (in code points) fails the scrape; 0 for no limit.</summary>
    public int LabelValueLengthLimit { get; init; }

    /// <summary>An uncompressed body larger than this many bytes fails the scrape; 0 for no limit.</summary>
    public long BodySizeLimit { get; init; }

    public ScrapeHttpSettings Http { get; init; } = ScrapeHttpSettings.Default;

    /// <summary>
    /// Metric relabeling: given a sample's labels (target labels already applied), returns the labels to
    /// store, or null (or an empty set) to drop the sample. Called once per new series, not per sample.
    /// </summary>
    public Func<Labels, Labels?>? MetricRelabel { get; init; }

    /// <summary>
    /// A hash of the target's identity that is the same in every process, for spreading scrape start times.
    /// </summary>
    public ulong IdentityHash
    {
        get
        {
            // FNV-1a over the URL, folded into the labels' own stable hash.
            ulong hash = 14695981039346656037UL ^ Labels.Hash;
            foreach (char c in Url.AbsoluteUri)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            return hash;
        }
    }

    /// <summary>Whether everything a scrape depends on, beyond identity, is also the same.</summary>
    public bool HasSameSettings(ScrapeTarget other) =>
        Interval == other.Interval && Timeout == other.Timeout &&
        HonorLabels == other.HonorLabels && HonorTimestamps == other.HonorTimestamps &&
        SampleLimit == other.SampleLimit && LabelLimit == other.LabelLimit &&
        LabelNameLengthLimit == other.LabelNameLengthLimit && LabelValueLengthLimit == other.LabelValueLengthLimit &&
        BodySizeLimit == other.BodySizeLimit && Http == other.Http && MetricRelabel == other.MetricRelabel;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting a scrape loop cannot work with.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(JobName)) throw new ArgumentException("scrape target has no job name");
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"scrape target {Url}: the URL must be absolute http or https");
        if (Interval <= TimeSpan.Zero) throw new ArgumentException($"scrape target {Url}: interval must be positive");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException($"scrape target {Url}: timeout must be positive");
        foreach (var label in Labels)
        {
            if (label.Name.StartsWith(ReservedPrefix, StringComparison.Ordinal))
                throw new ArgumentException($"scrape target {Url}: internal label \"{label.Name}\" must not reach the target labels");
        }
        if (Http.BasicAuth is not null && (Http.BearerToken is not null || Http.BearerTokenFile is not null))
            throw new ArgumentException($"scrape target {Url}: basic auth and a bearer token are mutually exclusive");
    }

    public bool Equals(ScrapeTarget? other) =>
        other is not null &&
        string.Equals(JobName, other.JobName, StringComparison.Ordinal) &&
        Labels.Equals(other.Labels) &&
        string.Equals(Url.AbsoluteUri, other.Url.AbsoluteUri, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ScrapeTarget other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(JobName, Labels.Hash, Url.AbsoluteUri);

    public override string ToString() => $"{JobName} {Url}";
}
