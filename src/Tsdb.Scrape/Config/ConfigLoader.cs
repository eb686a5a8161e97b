using System.Text.RegularExpressions;
using Tsdb.Scrape.Relabeling;
using Tsdb.Storage;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tsdb.Scrape.Configuration;

/// <summary>
/// Reads <c>prometheus.yml</c> with Prometheus 2.42's defaults and validation rules. Every error is a
/// <see cref="ConfigException"/> whose message starts with "file:line:column:".
/// </summary>
public static class ConfigLoader
{
    private static readonly Regex RuleFilePattern = new(@"^[^*]*(\*[^/]*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex FileSdPattern = new(@"^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> ReservedRemoteWriteHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-encoding", "content-length", "content-type", "user-agent", "connection", "keep-alive",
        "proxy-authenticate", "proxy-authorization", "www-authenticate", "retry-after",
        "x-prometheus-remote-write-version",
    };

    public static PrometheusConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read configuration: {e.Message}", e);
        }
        var full = Path.GetFullPath(path);
        return Load(text, Path.GetFileName(path), Path.GetDirectoryName(full) ?? ".");
    }

    /// <summary>Loads from text; <paramref name="directory"/> anchors relative paths (the current directory by default).</summary>
    public static PrometheusConfig Load(string yaml, string fileName, string? directory = null)
    {
        var source = new ConfigSource(fileName, Path.GetFullPath(directory ?? "."));
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{fileName}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }
        if (stream.Documents.Count == 0) return new PrometheusConfig();
        return ReadRoot(stream.Documents[0].RootNode, source);
    }

    private static PrometheusConfig ReadRoot(YamlNode node, ConfigSource source)
    {
        var f = new YamlFields(node, "config.plain", source,
            "global", "rule_files", "scrape_configs", "remote_write", "alerting", "remote_read", "storage", "tracing", "scrape_config_files");
        foreach (var unsupported in new[] { "remote_read", "storage", "tracing", "scrape_config_files" })
        {
            if (f.Has(unsupported)) throw f.Error(unsupported, $"field {unsupported} is not supported by this server");
        }
        var global = f.Get("global") is { } g ? ReadGlobal(g, source) : new GlobalConfig();

        var ruleFiles = new List<string>();
        foreach (var rule in f.Strings("rule_files"))
        {
            if (!RuleFilePattern.IsMatch(rule)) throw f.Error("rule_files", $"invalid rule file path \"{rule}\"");
            ruleFiles.Add(source.ResolvePath(rule));
        }

        var scrapeConfigs = f.List("scrape_configs", "empty or null scrape config section", n => ReadScrapeConfig(n, global, source));
        var jobNames = new HashSet<string>(StringComparer.Ordinal);
        var scrapeNodes = (YamlSequenceNode?)f.Get("scrape_configs");
        for (int i = 0; i < scrapeConfigs.Count; i++)
        {
            if (!jobNames.Add(scrapeConfigs[i].JobName))
                throw source.Error(scrapeNodes!.Children[i], $"found multiple scrape configs with job name \"{scrapeConfigs[i].JobName}\"");
        }

        var remoteWrite = f.List("remote_write", "empty or null remote write config section", n => ReadRemoteWrite(n, source));
        var remoteNames = new HashSet<string>(StringComparer.Ordinal);
        var remoteNodes = (YamlSequenceNode?)f.Get("remote_write");
        for (int i = 0; i < remoteWrite.Count; i++)
        {
            if (remoteWrite[i].Name.Length > 0 && !remoteNames.Add(remoteWrite[i].Name))
                throw source.Error(remoteNodes!.Children[i], $"found multiple remote write configs with job name \"{remoteWrite[i].Name}\"");
        }

        return new PrometheusConfig
        {
            Global = global,
            RuleFiles = ruleFiles,
            ScrapeConfigs = scrapeConfigs,
            RemoteWrite = remoteWrite,
            Alerting = f.Get("alerting") is { } a ? ReadAlerting(a, source) : new AlertingConfig(),
        };
    }

    private static GlobalConfig ReadGlobal(YamlNode node, ConfigSource source)
    {
        var f = new YamlFields(node, "config.GlobalConfig", source,
            "scrape_interval", "scrape_timeout", "evaluation_interval", "external_labels", "query_log_file");
        if (f.Has("query_log_file")) throw f.Error("query_log_file", "field query_log_file is not supported by this server");
        var interval = f.Duration("scrape_interval", TimeSpan.Zero);
        if (interval == TimeSpan.Zero) interval = GlobalConfig.DefaultScrapeInterval;
        var timeout = f.Duration("scrape_timeout", TimeSpan.Zero);
        if (timeout > interval) throw source.Error(node, "global scrape timeout greater than scrape interval");
        if (timeout == TimeSpan.Zero)
            timeout = GlobalConfig.DefaultScrapeTimeout > interval ? interval : GlobalConfig.DefaultScrapeTimeout;
        var evaluation = f.Duration("evaluation_interval", TimeSpan.Zero);
        if (evaluation == TimeSpan.Zero) evaluation = GlobalConfig.DefaultEvaluationInterval;
        return new GlobalConfig
        {
            ScrapeInterval = interval,
            ScrapeTimeout = timeout,
            EvaluationInterval = evaluation,
            ExternalLabels = ReadLabelSet(f, "external_labels"),
        };
    }

    private static Labels ReadLabelSet(YamlFields f, string key)
    {
        var labels = new List<Label>();
        foreach (var (name, value) in f.StringMap(key))
        {
            if (!LabelName.IsValid(name.Value!)) throw f.Source.Error(name, $"\"{name.Value}\" is not a valid label name");
            labels.Add(new Label(name.Value!, value));
        }
        return Labels.From(labels);
    }

    private static ScrapeConfig ReadScrapeConfig(YamlNode node, GlobalConfig global, ConfigSource source)
    {
        var f = new YamlFields(node, "config.ScrapeConfig", source,
            "job_name", "scrape_interval", "scrape_timeout", "metrics_path", "scheme", "params", "honor_labels",
            "honor_timestamps", "static_configs", "file_sd_configs", "relabel_configs", "metric_relabel_configs",
            "sample_limit", "target_limit", "label_limit", "label_name_length_limit", "label_value_length_limit",
            "body_size_limit", "basic_auth", "authorization", "bearer_token", "bearer_token_file", "tls_config",
            "proxy_url", "follow_redirects", "enable_http2");
        string jobName = f.String("job_name");
        if (jobName.Length == 0) throw source.Error(node, "job_name is empty");

        var interval = f.Duration("scrape_interval", TimeSpan.Zero);
        if (interval == TimeSpan.Zero) interval = global.ScrapeInterval;
        var timeout = f.Duration("scrape_timeout", TimeSpan.Zero);
        if (timeout > interval)
            throw f.Error("scrape_timeout", $"scrape timeout greater than scrape interval for scrape config with job name \"{jobName}\"");
        if (timeout == TimeSpan.Zero) timeout = global.ScrapeTimeout > interval ? interval : global.ScrapeTimeout;

        string scheme = f.String("scheme", ScrapeConfig.DefaultScheme);
        if (scheme is not ("http" or "https"))
            throw f.Error("scheme", $"invalid scheme \"{scheme}\" for scrape config with job name \"{jobName}\": must be http or https");

        var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (f.Get("params") is { } paramsNode)
        {
            if (paramsNode is not YamlMappingNode paramsMap) throw source.Error(paramsNode, "field params: expected a map of lists of strings");
            foreach (var (k, v) in paramsMap.Children)
            {
                var values = new YamlFields(new YamlMappingNode(new YamlScalarNode("v"), v), "url.Values", source, "v").Strings("v");
                parameters[((YamlScalarNode)k).Value!] = values;
            }
        }

        var relabel = ReadRelabelConfigs(f, "relabel_configs", "empty or null target relabeling rule in scrape config");
        var staticConfigs = f.List("static_configs", "empty or null section in static_configs", n => ReadStaticConfig(n, source));
        // A URL in place of host:port is a common mistake; without relabeling it could never be scraped.
        if (relabel.Count == 0) CheckStaticTargets(f, "static_configs", staticConfigs);

        return new ScrapeConfig
        {
            JobName = jobName,
            ScrapeInterval = interval,
            ScrapeTimeout = timeout,
            MetricsPath = f.String("metrics_path", ScrapeConfig.DefaultMetricsPath),
            Scheme = scheme,
            Params = parameters,
            HonorLabels = f.Bool("honor_labels", false),
            HonorTimestamps = f.Bool("honor_timestamps", true),
            StaticConfigs = staticConfigs,
            FileSdConfigs = f.List("file_sd_configs", "empty or null section in file_sd_configs", n => ReadFileSdConfig(n, source)),
            RelabelConfigs = relabel,
            MetricRelabelConfigs = ReadRelabelConfigs(f, "metric_relabel_configs", "empty or null metric relabeling rule in scrape config"),
            SampleLimit = NonNegative(f, "sample_limit"),
            TargetLimit = NonNegative(f, "target_limit"),
            LabelLimit = NonNegative(f, "label_limit"),
            LabelNameLengthLimit = NonNegative(f, "label_name_length_limit"),
            LabelValueLengthLimit = NonNegative(f, "label_value_length_limit"),
            BodySizeLimitBytes = f.Size("body_size_limit"),
            HttpClient = ReadHttpClient(f),
        };
    }

    private static long NonNegative(YamlFields f, string key)
    {
        long value = f.Long(key);
        if (value < 0) throw f.Error(key, $"field {key}: must not be negative, got {value}");
        return value;
    }

    private static void CheckStaticTargets(YamlFields f, string key, IReadOnlyList<StaticConfig> configs)
    {
        foreach (var config in configs)
        {
            foreach (var target in config.Targets)
            {
                if (target.Contains('/')) throw f.Error(key, $"\"{target}\" is not a valid hostname");
            }
        }
    }

    private static StaticConfig ReadStaticConfig(YamlNode node, ConfigSource source)
    {
        var f = new YamlFields(node, "targetgroup.plain", source, "targets", "labels");
        return new StaticConfig(f.Strings("targets"), ReadLabelSet(f, "labels"));
    }

    private static FileSdConfig ReadFileSdConfig(YamlNode node, ConfigSource source)
    {
        var f = new YamlFields(node, "file.plain", source, "files", "refresh_interval");
        var files = f.Strings("files");
        if (files.Count == 0) throw source.Error(node, "file service discovery config must contain at least one path name");
        var resolved = new List<string>(files.Count);
        foreach (var file in files)
        {
            if (!FileSdPattern.IsMatch(file)) throw f.Error("files", $"path name \"{file}\" is not valid for file discovery");
            resolved.Add(source.ResolvePath(file));
        }
        return new FileSdConfig(resolved, f.Duration("refresh_interval", FileSdConfig.DefaultRefreshInterval));
    }

    private static IReadOnlyList<RelabelConfig> ReadRelabelConfigs(YamlFields f, string key, string nullMessage) =>
        f.List(key, nullMessage, n => ReadRelabelConfig(n, f.Source));

    private static RelabelConfig ReadRelabelConfig(YamlNode node, ConfigSource source)
    {
        var f = new YamlFields(node, "relabel.plain", source,
            "source_labels", "separator", "regex", "modulus", "target_label", "replacement", "action");
        var action = RelabelAction.Replace;
        if (f.Get("action") is { } actionNode)
        {
            string text = f.String("action");
            if (text.Length == 0) throw source.Error(actionNode, "relabel action cannot be empty");
            if (!RelabelActions.TryParse(text, out action)) throw source.Error(actionNode, $"unknown relabel action \"{text}\"");
        }
        IReadOnlyList<string>? sourceLabels = null;
        if (f.Has("source_labels"))
        {
            sourceLabels = f.Strings("source_labels");
            foreach (var name in sourceLabels)
            {
                if (!LabelName.IsValid(name)) throw f.Error("source_labels", $"\"{name}\" is not a valid label name");
            }
        }
        RelabelRegex regex = RelabelRegex.Default;
        if (f.Get("regex") is { } regexNode)
        {
            try
            {
                regex = new RelabelRegex(f.String("regex"));
            }
            catch (ArgumentException e)
            {
                throw source.Error(regexNode, $"invalid regex \"{f.String("regex")}\": {e.Message}");
            }
        }
        long modulus = f.Long("modulus");
        if (modulus < 0) throw f.Error("modulus", "field modulus: must not be negative");
        try
        {
            return new RelabelConfig(action, sourceLabels, f.String("separator", RelabelConfig.DefaultSeparator), regex,
                (ulong)modulus, f.String("target_label"), f.String("replacement", RelabelConfig.DefaultReplacement));
        }
        catch (ArgumentException e)
        {
            throw source.Error(node, e.Message);
        }
    }

    /// <summary>The HTTP client fields, which Prometheus inlines into scrape, remote_write and alertmanager configs.</summary>
    private static HttpClientConfig ReadHttpClient(YamlFields f)
    {
        var source = f.Source;
        BasicAuth? basicAuth = null;
        if (f.Get("basic_auth") is { } basicNode)
        {
            var b = new YamlFields(basicNode, "config.BasicAuth", source, "username", "password", "password_file", "username_file");
            if (b.Has("username_file")) throw b.Error("username_file", "field username_file is not supported by this server");
            basicAuth = new BasicAuth(b.String("username"), b.String("password"), source.ResolvePath(b.String("password_file")));
            if (basicAuth.Password.Length > 0 && basicAuth.PasswordFile.Length > 0)
                throw source.Error(basicNode, "at most one of basic_auth password & password_file must be configured");
        }
        string bearerToken = f.String("bearer_token");
        string bearerTokenFile = f.String("bearer_token_file");
        if (bearerToken.Length > 0 && bearerTokenFile.Length > 0)
            throw f.Error("bearer_token_file", "at most one of bearer_token & bearer_token_file must be configured");
        if (basicAuth is not null && (bearerToken.Length > 0 || bearerTokenFile.Length > 0))
            throw f.Error("basic_auth", "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");

        Authorization? authorization = null;
        if (f.Get("authorization") is { } authNode)
        {
            var a = new YamlFields(authNode, "config.Authorization", source, "type", "credentials", "credentials_file");
            if (bearerToken.Length > 0 || bearerTokenFile.Length > 0)
                throw source.Error(authNode, "authorization is not compatible with bearer_token & bearer_token_file");
            string credentials = a.String("credentials");
            string credentialsFile = a.String("credentials_file");
            if (credentials.Length > 0 && credentialsFile.Length > 0)
                throw source.Error(authNode, "at most one of authorization credentials & credentials_file must be configured");
            string type = a.String("type").Trim();
            if (type.Length == 0) type = "Bearer";
            if (type.Equals("basic", StringComparison.OrdinalIgnoreCase))
                throw a.Error("type", "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
            if (basicAuth is not null)
                throw source.Error(authNode, "at most one of basic_auth, oauth2 & authorization must be configured");
            authorization = new Authorization(type, credentials, source.ResolvePath(credentialsFile));
        }
        else if (bearerToken.Length > 0)
        {
            authorization = new Authorization("Bearer", bearerToken, "");
        }
        else if (bearerTokenFile.Length > 0)
        {
            authorization = new Authorization("Bearer", "", source.ResolvePath(bearerTokenFile));
        }

        var tls = new TlsConfig();
        if (f.Get("tls_config") is { } tlsNode)
        {
            var t = new YamlFields(tlsNode, "config.TLSConfig", source, "ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify");
            tls = new TlsConfig
            {
                CaFile = source.ResolvePath(t.String("ca_file")),
                CertFile = source.ResolvePath(t.String("cert_file")),
                KeyFile = source.ResolvePath(t.String("key_file")),
                ServerName = t.String("server_name"),
                InsecureSkipVerify = t.Bool("insecure_skip_verify", false),
            };
            if (tls.CertFile.Length > 0 && tls.KeyFile.Length == 0)
                throw source.Error(tlsNode, $"client cert file \"{t.String("cert_file")}\" specified without client key file");
            if (tls.KeyFile.Length > 0 && tls.CertFile.Length == 0)
                throw source.Error(tlsNode, $"client key file \"{t.String("key_file")}\" specified without client cert file");
        }

        Uri? proxy = null;
        if (f.Get("proxy_url") is { } proxyNode && !Uri.TryCreate(f.String("proxy_url"), UriKind.Absolute, out proxy))
            throw source.Error(proxyNode, $"field proxy_url: invalid URL \"{f.String("proxy_url")}\"");

        return new HttpClientConfig
        {
            BasicAuth = basicAuth,
            Authorization = authorization,
            Tls = tls,
            ProxyUrl = proxy,
            FollowRedirects = f.Bool("follow_redirects", true),
            EnableHttp2 = f.Bool("enable_http2", true),
        };
    }

    private static RemoteWriteConfig ReadRemoteWrite(YamlNode node, ConfigSource source)
    {
        var f = new YamlFields(node, "config.RemoteWriteConfig", source,
            "url", "remote_timeout", "headers", "write_relabel_configs", "name", "send_exemplars", "queue_config",
            "metadata_config", "basic_auth", "authorization", "bearer_token", "bearer_token_file", "tls_config",
            "proxy_url", "follow_redirects", "enable_http2");
        if (!f.Has("url")) throw source.Error(node, "url for remote_write is empty");
        string urlText = f.String("url");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw f.Error("url", $"field url: invalid URL \"{urlText}\"");

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in f.StringMap("headers"))
        {
            if (name.Value!.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                throw source.Error(name, "authorization header must be changed via the basic_auth, authorization, oauth2, or sigv4 parameter");
            if (ReservedRemoteWriteHeaders.Contains(name.Value))
                throw source.Error(name, $"{name.Value} is a reserved header. It must not be changed");
            headers[name.Value] = value;
        }

        var queue = new QueueConfig();
        if (f.Get("queue_config") is { } queueNode)
        {
            var q = new YamlFields(queueNode, "config.QueueConfig", source, "capacity", "max_shards", "min_shards",
                "max_samples_per_send", "batch_send_deadline", "min_backoff", "max_backoff", "retry_on_http_429");
            queue = new QueueConfig
            {
                Capacity = q.Int("capacity", queue.Capacity),
                MaxShards = q.Int("max_shards", queue.MaxShards),
                MinShards = q.Int("min_shards", queue.MinShards),
                MaxSamplesPerSend = q.Int("max_samples_per_send", queue.MaxSamplesPerSend),
                BatchSendDeadline = q.Duration("batch_send_deadline", queue.BatchSendDeadline),
                MinBackoff = q.Duration("min_backoff", queue.MinBackoff),
                MaxBackoff = q.Duration("max_backoff", queue.MaxBackoff),
                RetryOnHttp429 = q.Bool("retry_on_http_429", false),
            };
        }
        var metadata = new MetadataConfig();
        if (f.Get("metadata_config") is { } metadataNode)
        {
            var m = new YamlFields(metadataNode, "config.MetadataConfig", source, "send", "send_interval", "max_samples_per_send");
            metadata = new MetadataConfig
            {
                Send = m.Bool("send", true),
                SendInterval = m.Duration("send_interval", metadata.SendInterval),
                MaxSamplesPerSend = m.Int("max_samples_per_send", metadata.MaxSamplesPerSend),
            };
        }

        return new RemoteWriteConfig
        {
            Url = url,
            RemoteTimeout = f.Duration("remote_timeout", RemoteWriteConfig.DefaultRemoteTimeout),
            Headers = headers,
            WriteRelabelConfigs = ReadRelabelConfigs(f, "write_relabel_configs", "empty or null relabeling rule in remote write config"),
            Name = f.String("name"),
            SendExemplars = f.Bool("send_exemplars", false),
            HttpClient = ReadHttpClient(f),
            Queue = queue,
            Metadata = metadata,
        };
    }

    private static AlertingConfig ReadAlerting(YamlNode node, ConfigSource source)
    {
        var f = new YamlFields(node, "config.AlertingConfig", source, "alert_relabel_configs", "alertmanagers");
        return new AlertingConfig
        {
            AlertRelabelConfigs = ReadRelabelConfigs(f, "alert_relabel_configs", "empty or null alert relabeling rule"),
            Alertmanagers = f.List("alertmanagers", "empty or null alertmanager config", n => ReadAlertmanager(n, source)),
        };
    }

    private static AlertmanagerConfig ReadAlertmanager(YamlNode node, ConfigSource source)
    {
        var f = new YamlFields(node, "config.AlertmanagerConfig", source,
            "static_configs", "file_sd_configs", "path_prefix", "scheme", "timeout", "api_version", "relabel_configs",
            "basic_auth", "authorization", "bearer_token", "bearer_token_file", "tls_config", "proxy_url",
            "follow_redirects", "enable_http2");
        string apiVersion = f.String("api_version", "v2");
        if (apiVersion is not ("v1" or "v2"))
            throw f.Error("api_version", $"expected Alertmanager api version to be one of [v1 v2] but got \"{apiVersion}\"");
        var relabel = ReadRelabelConfigs(f, "relabel_configs", "empty or null Alertmanager target relabeling rule");
        var staticConfigs = f.List("static_configs", "empty or null section in static_configs", n => ReadStaticConfig(n, source));
        if (relabel.Count == 0) CheckStaticTargets(f, "static_configs", staticConfigs);
        string scheme = f.String("scheme", "http");
        if (scheme is not ("http" or "https")) throw f.Error("scheme", $"invalid scheme \"{scheme}\" for alertmanager: must be http or https");
        return new AlertmanagerConfig
        {
            Scheme = scheme,
            PathPrefix = f.String("path_prefix"),
            Timeout = f.Duration("timeout", TimeSpan.FromSeconds(10)),
            ApiVersion = apiVersion,
            StaticConfigs = staticConfigs,
            FileSdConfigs = f.List("file_sd_configs", "empty or null section in file_sd_configs", n => ReadFileSdConfig(n, source)),
            RelabelConfigs = relabel,
            HttpClient = ReadHttpClient(f),
        };
    }
}
