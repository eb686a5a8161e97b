using System.Text;
using Tsdb.Scrape.Configuration;
using Tsdb.Storage;

namespace Tsdb.Scrape.Relabeling;

/// <summary>
/// What a discovered target becomes: its final labels (internal <c>__</c> labels other than
/// <c>__meta_*</c> kept, as Prometheus keeps them for the scrape), the labels before relabeling
/// (shown as "discovered labels"), and the URL to scrape. A dropped target has null <see cref="Labels"/>.
/// </summary>
public sealed record TargetLabels(Labels? Labels, Labels DiscoveredLabels, Uri? Url)
{
    public const string AddressLabel = "__address__";
    public const string SchemeLabel = "__scheme__";
    public const string MetricsPathLabel = "__metrics_path__";
    public const string ScrapeIntervalLabel = "__scrape_interval__";
    public const string ScrapeTimeoutLabel = "__scrape_timeout__";
    public const string ParamLabelPrefix = "__param_";
    public const string MetaLabelPrefix = "__meta_";
    public const string ReservedLabelPrefix = "__";

    public bool Dropped => Labels is null;

    /// <summary>The labels a scraped series carries: the final labels without any <c>__</c> label.</summary>
    public Labels PublicLabels() =>
        Labels is null ? Storage.Labels.Empty : Storage.Labels.From(Labels.Where(l => !l.Name.StartsWith(ReservedLabelPrefix, StringComparison.Ordinal)));

    /// <summary>
    /// Prometheus's populateLabels: adds the scrape config's defaults, relabels, adds a default port,
    /// checks the address, interval and timeout, drops <c>__meta_*</c> labels and defaults <c>instance</c>.
    /// Throws <see cref="TargetLabelsException"/> for a target that cannot be scraped.
    /// </summary>
    public static TargetLabels Populate(Labels discovered, ScrapeConfig config, LabelsBuilder? builder = null)
    {
        var lb = builder ?? new LabelsBuilder();
        lb.Reset(discovered);
        SetIfAbsent(lb, "job", config.JobName);
        SetIfAbsent(lb, ScrapeIntervalLabel, PromDuration.Format(config.ScrapeInterval));
        SetIfAbsent(lb, ScrapeTimeoutLabel, PromDuration.Format(config.ScrapeTimeout));
        SetIfAbsent(lb, MetricsPathLabel, config.MetricsPath);
        SetIfAbsent(lb, SchemeLabel, config.Scheme);
        foreach (var (name, values) in config.Params)
        {
            if (values.Count > 0) lb.Set(ParamLabelPrefix + name, values[0]);
        }
        var preRelabel = lb.Build();

        if (!Relabeler.Process(lb, config.RelabelConfigs)) return new TargetLabels(null, preRelabel, null);

        string address = lb.Get(AddressLabel);
        if (address.Length == 0) throw new TargetLabelsException("no address");
        string scheme = lb.Get(SchemeLabel);
        if (NeedsDefaultPort(address))
        {
            address += scheme switch
            {
                "http" or "" => ":80",
                "https" => ":443",
                _ => throw new TargetLabelsException($"invalid scheme: \"{config.Scheme}\""),
            };
            lb.Set(AddressLabel, address);
        }
        if (address.Contains('/')) throw new TargetLabelsException($"\"{address}\" is not a valid hostname");

        string interval = lb.Get(ScrapeIntervalLabel);
        if (!PromDuration.TryParse(interval, out var intervalValue, out var error))
            throw new TargetLabelsException($"error parsing scrape interval: {error}");
        if (intervalValue == TimeSpan.Zero) throw new TargetLabelsException("scrape interval cannot be 0");
        string timeout = lb.Get(ScrapeTimeoutLabel);
        if (!PromDuration.TryParse(timeout, out var timeoutValue, out error))
            throw new TargetLabelsException($"error parsing scrape timeout: {error}");
        if (timeoutValue == TimeSpan.Zero) throw new TargetLabelsException("scrape timeout cannot be 0");
        if (timeoutValue > intervalValue)
            throw new TargetLabelsException($"scrape timeout cannot be greater than scrape interval (\"{timeout}\" > \"{interval}\")");

        lb.DeleteWhere(0, static (_, name) => name.StartsWith(MetaLabelPrefix, StringComparison.Ordinal));
        if (lb.Get("instance").Length == 0) lb.Set("instance", address);

        for (int i = 0; i < lb.Count; i++)
        {
            if (!LabelName.IsValidValue(lb[i].Value))
                throw new TargetLabelsException($"invalid label value for \"{lb[i].Name}\": \"{lb[i].Value}\"");
        }
        var labels = lb.Build();
        return new TargetLabels(labels, preRelabel, BuildUrl(labels, config));
    }

    private static void SetIfAbsent(LabelsBuilder lb, string name, string value)
    {
        if (lb.Get(name).Length == 0) lb.Set(name, value);
    }

    /// <summary>
    /// Go's net.SplitHostPort rules, reduced to the question asked: the address has no port, and
    /// appending one would make it valid (so "[::1]" and "host" get one, "::1" and "a:b:c" do not).
    /// </summary>
    private static bool NeedsDefaultPort(string address) => !HasHostAndPort(address) && HasHostAndPort(address + ":1234");

    private static bool HasHostAndPort(string address)
    {
        int lastColon = address.LastIndexOf(':');
        if (lastColon < 0) return false;
        if (address[0] == '[')
        {
            int close = address.IndexOf(']');
            if (close < 0 || close + 1 != lastColon) return false;
            string inside = address[1..close];
            return inside.IndexOfAny(['[', ']']) < 0 && address.IndexOf('[', 1) < 0 && address.IndexOf(']', close + 1) < 0;
        }
        string host = address[..lastColon];
        return host.IndexOf(':') < 0 && address.IndexOfAny(['[', ']']) < 0;
    }

    /// <summary>scheme://address/path?params, where <c>__param_*</c> labels override the configured params.</summary>
    private static Uri BuildUrl(Labels labels, ScrapeConfig config)
    {
        var query = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in config.Params) query[name] = [.. values];
        foreach (var label in labels)
        {
            if (label.Name.StartsWith(ParamLabelPrefix, StringComparison.Ordinal))
                query[label.Name[ParamLabelPrefix.Length..]] = [label.Value];
        }
        var url = new StringBuilder();
        url.Append(labels.Get(SchemeLabel)).Append("://").Append(labels.Get(AddressLabel));
        string path = labels.Get(MetricsPathLabel);
        if (!path.StartsWith('/')) url.Append('/');
        url.Append(path);
        char separator = '?';
        foreach (var (name, values) in query)
        {
            foreach (var value in values)
            {
                url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }
        if (!Uri.TryCreate(url.ToString(), UriKind.Absolute, out var uri))
            throw new TargetLabelsException($"invalid target URL \"{url}\"");
        return uri;
    }
}

/// <summary>A discovered target that cannot be scraped; the message gives Prometheus's reason.</summary>
public sealed class TargetLabelsException(string message) : Exception(message);
