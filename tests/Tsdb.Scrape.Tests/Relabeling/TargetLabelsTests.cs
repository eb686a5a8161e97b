using Tsdb.Scrape.Configuration;
using Tsdb.Scrape.Relabeling;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Relabeling;

public class TargetLabelsTests
{
    private static ScrapeConfig Job(string relabel = "", string extra = "") => ConfigLoader.Load($"""
        scrape_configs:
          - job_name: node
            scrape_interval: 30s
            params:
              module: [m1]
        {extra}
        {relabel}
        """, "p.yml").ScrapeConfigs[0];

    [Fact]
    public void Instance_defaults_to_address_with_default_port_and_meta_labels_go()
    {
        var t = TargetLabels.Populate(Labels.FromPairs("__address__", "host", "__meta_x", "1"), Job());
        Assert.Equal("host:80", t.Labels!.Get("instance"));
        Assert.False(t.Labels.Has("__meta_x"));
        Assert.Equal("30s", t.Labels.Get("__scrape_interval__"));
        Assert.Equal(Labels.FromPairs("instance", "host:80", "job", "node"), t.PublicLabels());
        Assert.Equal(new Uri("http://host:80/metrics?module=m1"), t.Url);
        Assert.Equal("1", t.DiscoveredLabels.Get("__meta_x"));
        Assert.Equal("m1", t.DiscoveredLabels.Get("__param_module"));
    }

    [Theory]
    [InlineData("a:9100", "http", "a:9100")]
    [InlineData("a", "https", "a:443")]
    [InlineData("[::1]", "http", "[::1]:80")]
    [InlineData("[::1]:9", "http", "[::1]:9")]
    public void Default_port_follows_the_scheme(string address, string scheme, string expected)
    {
        var t = TargetLabels.Populate(Labels.FromPairs("__address__", address, "__scheme__", scheme), Job());
        Assert.Equal(expected, t.Labels!.Get("__address__"));
    }

    [Fact]
    public void Relabeling_overrides_scheme_path_and_params()
    {
        var job = Job("""
                relabel_configs:
                  - {target_label: __scheme__, replacement: https}
                  - {target_label: __metrics_path__, replacement: /probe}
                  - {source_labels: [__address__], target_label: __param_target}
                  - {target_label: instance, replacement: custom}
            """);
        var t = TargetLabels.Populate(Labels.FromPairs("__address__", "x:1"), job);
        Assert.Equal(new Uri("https://x:1/probe?module=m1&target=x%3A1"), t.Url);
        Assert.Equal("custom", t.Labels!.Get("instance"));
    }

    [Fact]
    public void Dropped_target_keeps_its_discovered_labels()
    {
        var job = Job("""
                relabel_configs:
                  - {action: drop, source_labels: [__address__], regex: 'x.*'}
            """);
        var t = TargetLabels.Populate(Labels.FromPairs("__address__", "x:1"), job);
        Assert.True(t.Dropped);
        Assert.Equal("node", t.DiscoveredLabels.Get("job"));
    }

    [Theory]
    [InlineData("__address__", "", "no address")]
    [InlineData("__scrape_interval__", "0s", "scrape interval cannot be 0")]
    [InlineData("__scrape_timeout__", "1m", "scrape timeout cannot be greater than scrape interval (\"1m\" > \"30s\")")]
    [InlineData("__scrape_interval__", "x", "error parsing scrape interval: not a valid duration string: \"x\"")]
    public void Unscrapable_targets_are_refused(string name, string value, string message)
    {
        var labels = name == "__address__" ? Labels.FromPairs("env", "x") : Labels.FromPairs("__address__", "a:1", name, value);
        var e = Assert.Throws<TargetLabelsException>(() => TargetLabels.Populate(labels, Job()));
        Assert.Equal(message, e.Message);
    }
}
