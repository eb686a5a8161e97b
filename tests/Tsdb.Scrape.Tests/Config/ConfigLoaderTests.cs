using FsCheck;
using Tsdb.Scrape.Configuration;
using Tsdb.Scrape.Relabeling;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Configuration;

public class ConfigLoaderTests
{
    private const string Full = """
        global:
          scrape_interval: 15s
          scrape_timeout: 5s
          evaluation_interval: 30s
          external_labels:
            region: eu
        rule_files:
          - rules/*.yml
        scrape_configs:
          - job_name: node
            scrape_interval: 1h30m
            metrics_path: /m
            scheme: https
            params:
              module: [a, b]
            honor_labels: true
            honor_timestamps: false
            sample_limit: 1000
            label_limit: 30
            label_name_length_limit: 100
            label_value_length_limit: 200
            body_size_limit: 10MB
            basic_auth:
              username: u
              password_file: secret.txt
            tls_config:
              ca_file: ca.pem
              cert_file: c.pem
              key_file: k.pem
              server_name: example
              insecure_skip_verify: true
            static_configs:
              - targets: ['a:9100', 'b:9100']
                labels: {env: prod}
            file_sd_configs:
              - files: [targets/*.json]
                refresh_interval: 1m
            relabel_configs:
              - source_labels: [__address__]
                regex: '(.*):.*'
                target_label: host
              - action: hashmod
                source_labels: [host]
                modulus: 4
                target_label: shard
            metric_relabel_configs:
              - action: labeldrop
                regex: tmp_.*
          - job_name: api
            bearer_token: tok
        remote_write:
          - url: http://remote/api/v1/write
            name: r1
            remote_timeout: 1m
            headers: {X-Scope-OrgID: t1}
            queue_config: {capacity: 100, max_shards: 5, batch_send_deadline: 2s}
            metadata_config: {send: false}
            write_relabel_configs:
              - action: drop
                source_labels: [__name__]
                regex: go_.*
        alerting:
          alert_relabel_configs:
            - action: labeldrop
              regex: replica
          alertmanagers:
            - static_configs: [{targets: ['am:9093']}]
              path_prefix: /am
              timeout: 5s
        """;

    [Fact]
    public void Full_example_reads_every_field()
    {
        var c = ConfigLoader.Load(Full, "prometheus.yml", "/etc/prom");
        Assert.Equal(TimeSpan.FromSeconds(15), c.Global.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), c.Global.ScrapeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), c.Global.EvaluationInterval);
        Assert.Equal(Labels.FromPairs("region", "eu"), c.Global.ExternalLabels);
        Assert.Equal(["/etc/prom/rules/*.yml"], c.RuleFiles);

        var node = c.ScrapeConfigs[0];
        Assert.Equal("node", node.JobName);
        Assert.Equal(TimeSpan.FromMinutes(90), node.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), node.ScrapeTimeout);
        Assert.Equal("/m", node.MetricsPath);
        Assert.Equal("https", node.Scheme);
        Assert.Equal(["a", "b"], node.Params["module"]);
        Assert.True(node.HonorLabels);
        Assert.False(node.HonorTimestamps);
        Assert.Equal(1000, node.SampleLimit);
        Assert.Equal(30, node.LabelLimit);
        Assert.Equal(100, node.LabelNameLengthLimit);
        Assert.Equal(200, node.LabelValueLengthLimit);
        Assert.Equal(10L * 1024 * 1024, node.BodySizeLimitBytes);
        Assert.Equal(new BasicAuth("u", "", "/etc/prom/secret.txt"), node.HttpClient.BasicAuth);
        Assert.Equal("/etc/prom/ca.pem", node.HttpClient.Tls.CaFile);
        Assert.Equal("/etc/prom/k.pem", node.HttpClient.Tls.KeyFile);
        Assert.Equal("example", node.HttpClient.Tls.ServerName);
        Assert.True(node.HttpClient.Tls.InsecureSkipVerify);
        Assert.Equal(["a:9100", "b:9100"], node.StaticConfigs[0].Targets);
        Assert.Equal(Labels.FromPairs("env", "prod"), node.StaticConfigs[0].Labels);
        Assert.Equal(["/etc/prom/targets/*.json"], node.FileSdConfigs[0].Files);
        Assert.Equal(TimeSpan.FromMinutes(1), node.FileSdConfigs[0].RefreshInterval);
        Assert.Equal(RelabelAction.Replace, node.RelabelConfigs[0].Action);
        Assert.Equal("host", node.RelabelConfigs[0].TargetLabel);
        Assert.Equal(4UL, node.RelabelConfigs[1].Modulus);
        Assert.Equal(RelabelAction.LabelDrop, node.MetricRelabelConfigs[0].Action);

        var api = c.ScrapeConfigs[1];
        Assert.Equal(new Authorization("Bearer", "tok", ""), api.HttpClient.Authorization);
        Assert.Equal(TimeSpan.FromSeconds(15), api.ScrapeInterval);

        var rw = c.RemoteWrite[0];
        Assert.Equal(new Uri("http://remote/api/v1/write"), rw.Url);
        Assert.Equal("r1", rw.Name);
        Assert.Equal(TimeSpan.FromMinutes(1), rw.RemoteTimeout);
        Assert.Equal("t1", rw.Headers["X-Scope-OrgID"]);
        Assert.Equal(100, rw.Queue.Capacity);
        Assert.Equal(5, rw.Queue.MaxShards);
        Assert.Equal(500, rw.Queue.MaxSamplesPerSend);
        Assert.Equal(TimeSpan.FromSeconds(2), rw.Queue.BatchSendDeadline);
        Assert.False(rw.Metadata.Send);
        Assert.Single(rw.WriteRelabelConfigs);

        Assert.Single(c.Alerting.AlertRelabelConfigs);
        var am = c.Alerting.Alertmanagers[0];
        Assert.Equal("/am", am.PathPrefix);
        Assert.Equal(TimeSpan.FromSeconds(5), am.Timeout);
        Assert.Equal("v2", am.ApiVersion);
        Assert.Equal(["am:9093"], am.StaticConfigs[0].Targets);
    }

    [Fact]
    public void Defaults_are_Prometheus_defaults()
    {
        var c = ConfigLoader.Load("scrape_configs:\n  - job_name: x\n", "p.yml");
        Assert.Equal(TimeSpan.FromMinutes(1), c.Global.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), c.Global.ScrapeTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), c.Global.EvaluationInterval);
        var s = c.ScrapeConfigs[0];
        Assert.Equal(TimeSpan.FromMinutes(1), s.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), s.ScrapeTimeout);
        Assert.Equal("/metrics", s.MetricsPath);
        Assert.Equal("http", s.Scheme);
        Assert.True(s.HonorTimestamps);
        Assert.False(s.HonorLabels);
    }

    [Fact]
    public void Timeout_is_capped_by_a_short_interval()
    {
        var c = ConfigLoader.Load("global: {scrape_interval: 5s}\nscrape_configs:\n  - job_name: x\n    scrape_interval: 2s\n", "p.yml");
        Assert.Equal(TimeSpan.FromSeconds(5), c.Global.ScrapeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), c.ScrapeConfigs[0].ScrapeTimeout);
    }

    [Fact]
    public void Empty_file_is_the_default_config() => Assert.Empty(ConfigLoader.Load("", "p.yml").ScrapeConfigs);

    [Theory]
    [InlineData("scrape_configs:\n  - job_name: x\n    scrape_intervl: 5s\n", "p.yml:3:5: field scrape_intervl not found in type config.ScrapeConfig")]
    [InlineData("globl: {}\n", "p.yml:1:1: field globl not found in type config.plain")]
    [InlineData("global:\n  scrape_interval: 5x\n", "p.yml:2:20: field scrape_interval: not a valid duration string: \"5x\"")]
    [InlineData("global:\n  scrape_interval: 5s\n  scrape_timeout: 10s\n", "p.yml:2:3: global scrape timeout greater than scrape interval")]
    [InlineData("scrape_configs:\n  - job_name: x\n    scrape_interval: 5s\n    scrape_timeout: 6s\n", "p.yml:4:5: scrape timeout greater than scrape interval for scrape config with job name \"x\"")]
    [InlineData("scrape_configs:\n  - job_name: x\n  - job_name: x\n", "p.yml:3:5: found multiple scrape configs with job name \"x\"")]
    [InlineData("scrape_configs:\n  - scrape_interval: 5s\n", "p.yml:2:5: job_name is empty")]
    [InlineData("scrape_configs:\n  - job_name: x\n    static_configs:\n      - targets: ['http://a:1/m']\n", "p.yml:3:5: \"http://a:1/m\" is not a valid hostname")]
    [InlineData("scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - action: foo\n", "p.yml:4:17: unknown relabel action \"foo\"")]
    [InlineData("scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - action: hashmod\n        target_label: a\n", "p.yml:4:9: relabel configuration for hashmod requires non-zero modulus")]
    [InlineData("scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - source_labels: [a]\n", "p.yml:4:9: relabel configuration for replace action requires 'target_label' value")]
    [InlineData("scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - regex: '('\n        target_label: a\n", "p.yml:4:16: invalid regex \"(\"")]
    [InlineData("scrape_configs:\n  - job_name: x\n    relabel_configs:\n      -\n", "p.yml:4:8: empty or null target relabeling rule in scrape config")]
    [InlineData("scrape_configs:\n  - job_name: x\n    body_size_limit: 10XB\n", "p.yml:3:22: field body_size_limit: invalid size \"10XB\": unknown unit \"XB\"")]
    [InlineData("scrape_configs:\n  - job_name: x\n    sample_limit: many\n", "p.yml:3:19: field sample_limit: cannot unmarshal \"many\" into an integer")]
    [InlineData("scrape_configs:\n  - job_name: x\n    bearer_token: a\n    bearer_token_file: b\n", "p.yml:4:5: at most one of bearer_token & bearer_token_file must be configured")]
    [InlineData("scrape_configs:\n  - job_name: x\n    basic_auth: {username: u, password: p, password_file: f}\n", "p.yml:3:17: at most one of basic_auth password & password_file must be configured")]
    [InlineData("scrape_configs:\n  - job_name: x\n    authorization: {type: Basic}\n", "p.yml:3:21: authorization type cannot be set to \"basic\", use \"basic_auth\" instead")]
    [InlineData("scrape_configs:\n  - job_name: x\n    tls_config: {cert_file: c}\n", "p.yml:3:17: client cert file \"c\" specified without client key file")]
    [InlineData("scrape_configs:\n  - job_name: x\n    file_sd_configs:\n      - files: [a.txt]\n", "p.yml:4:9: path name \"a.txt\" is not valid for file discovery")]
    [InlineData("rule_files: ['a/*/b.yml']\n", "p.yml:1:1: invalid rule file path \"a/*/b.yml\"")]
    [InlineData("remote_write:\n  - name: a\n", "p.yml:2:5: url for remote_write is empty")]
    [InlineData("remote_write:\n  - url: http://x\n    headers: {Content-Type: a}\n", "p.yml:3:15: Content-Type is a reserved header. It must not be changed")]
    [InlineData("alerting:\n  alertmanagers:\n    - api_version: v3\n", "p.yml:3:7: expected Alertmanager api version to be one of [v1 v2] but got \"v3\"")]
    [InlineData("global:\n  external_labels: {1a: b}\n", "p.yml:2:21: \"1a\" is not a valid label name")]
    [InlineData("scrape_configs:\n  - job_name: [x\n", "p.yml:")]
    public void Invalid_configs_name_file_line_and_reason(string yaml, string expectedPrefix)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(yaml, "p.yml"));
        Assert.StartsWith(expectedPrefix, e.Message);
    }

    [Fact]
    public void LoadFile_resolves_paths_against_the_file_directory()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "prometheus.yml");
            File.WriteAllText(path, "scrape_configs:\n  - job_name: x\n    file_sd_configs: [{files: ['t/*.yml']}]\n");
            var c = ConfigLoader.LoadFile(path);
            Assert.Equal(Path.Combine(dir.FullName, "t", "*.yml"), c.ScrapeConfigs[0].FileSdConfigs[0].Files[0]);
            File.WriteAllText(path, "bogus: 1\n");
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));
            Assert.StartsWith("prometheus.yml:1:1: field bogus not found", e.Message);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData("1h30m", 5400000L)]
    [InlineData("1d", 86400000L)]
    [InlineData("1w", 604800000L)]
    [InlineData("1y", 31536000000L)]
    [InlineData("15s", 15000L)]
    [InlineData("100ms", 100L)]
    [InlineData("0", 0L)]
    public void Durations_parse(string text, long millis) =>
        Assert.Equal(TimeSpan.FromMilliseconds(millis), PromDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("1m1h")]
    [InlineData("1.5s")]
    [InlineData("1 s")]
    [InlineData("s")]
    public void Bad_durations_are_refused(string text) => Assert.Throws<FormatException>(() => PromDuration.Parse(text));

    [Fact]
    public void Durations_format_round_trip() =>
        FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.ArbMap.Default.ArbFor<uint>(), (uint ms) =>
        {
            var d = TimeSpan.FromMilliseconds(ms * 977L);
            return PromDuration.Parse(PromDuration.Format(d)) == d;
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("512B", 512L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("1KB", 1024L)]
    [InlineData("1.5MB", 1572864L)]
    [InlineData("1GB512MB", 1610612736L)]
    public void Sizes_parse_in_base_2(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text));
}
