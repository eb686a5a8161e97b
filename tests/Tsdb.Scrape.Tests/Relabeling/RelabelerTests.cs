using Tsdb.Scrape.Relabeling;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Relabeling;

public class RelabelerTests
{
    private static readonly Labels Input = Labels.FromPairs(
        "__address__", "node-a:9100", "__meta_env", "Prod", "job", "node", "instance", "node-a:9100");

    private static Labels? Run(params RelabelConfig[] configs) => Relabeler.Process(Input, configs);

    [Fact]
    public void Replace_copies_a_group_into_the_target()
    {
        var result = Run(new RelabelConfig(sourceLabels: ["__address__"], regex: new RelabelRegex("(.*):(\\d+)"), targetLabel: "host", replacement: "$1"));
        Assert.Equal("node-a", result!.Get("host"));
    }

    [Fact]
    public void Replace_with_no_match_changes_nothing()
    {
        var result = Run(new RelabelConfig(sourceLabels: ["job"], regex: new RelabelRegex("x.*"), targetLabel: "job", replacement: "other"));
        Assert.Equal(Input, result);
    }

    [Fact]
    public void Replace_expanding_to_empty_deletes_the_target()
    {
        var result = Run(new RelabelConfig(sourceLabels: ["missing"], targetLabel: "job"));
        Assert.False(result!.Has("job"));
    }

    [Fact]
    public void Missing_source_labels_join_as_empty_strings()
    {
        var result = Run(new RelabelConfig(sourceLabels: ["missing", "job", "missing2"], targetLabel: "joined", replacement: "<$1>"));
        Assert.Equal("<;node;>", result!.Get("joined"));
    }

    [Fact]
    public void Replace_expands_named_groups_in_target_and_replacement()
    {
        var result = Run(new RelabelConfig(sourceLabels: ["__meta_env"], regex: new RelabelRegex("(?P<env>[A-Z])(?P<rest>.*)"),
            targetLabel: "env_${rest}", replacement: "${env}-$rest-$$-$9-$1x"));
        // $9 names no group and $1x names group "1x": both expand to nothing, as in Go.
        Assert.Equal("P-rod-$--", result!.Get("env_rod"));
    }

    [Fact]
    public void Replace_numbers_named_and_unnamed_groups_as_Go_does()
    {
        // Go numbers groups by their opening parenthesis, named ones included: $1 is env and $2 the rest.
        var result = Run(new RelabelConfig(sourceLabels: ["__meta_env"], regex: new RelabelRegex("(?P<env>[A-Z])(.*)"),
            targetLabel: "env", replacement: "$2-$1-${env}"));
        Assert.Equal("rod-P-P", result!.Get("env"));
    }

    [Fact]
    public void Replace_into_an_invalid_expanded_name_leaves_labels_unchanged()
    {
        var result = Run(new RelabelConfig(sourceLabels: ["__address__"], regex: new RelabelRegex("(.*)"), targetLabel: "${1}"));
        Assert.Equal(Input, result);
    }

    [Fact]
    public void Regex_is_fully_anchored()
    {
        Assert.Equal(Input, Run(new RelabelConfig(RelabelAction.Drop, ["job"], regex: new RelabelRegex("nod"))));
        Assert.Null(Run(new RelabelConfig(RelabelAction.Drop, ["job"], regex: new RelabelRegex("nod|node"))));
    }

    [Fact]
    public void Keep_and_drop()
    {
        Assert.NotNull(Run(new RelabelConfig(RelabelAction.Keep, ["job"], regex: new RelabelRegex("node"))));
        Assert.Null(Run(new RelabelConfig(RelabelAction.Keep, ["job"], regex: new RelabelRegex("api"))));
        Assert.Null(Run(new RelabelConfig(RelabelAction.Drop, ["job"], regex: new RelabelRegex("node"))));
    }

    [Fact]
    public void Keep_on_missing_label_matches_empty_regex()
    {
        Assert.NotNull(Run(new RelabelConfig(RelabelAction.Keep, ["missing"], regex: new RelabelRegex(""))));
        Assert.Null(Run(new RelabelConfig(RelabelAction.Keep, ["missing"], regex: new RelabelRegex(".+"))));
    }

    [Fact]
    public void KeepEqual_and_DropEqual_compare_with_the_target_label()
    {
        Assert.NotNull(Run(new RelabelConfig(RelabelAction.KeepEqual, ["__address__"], targetLabel: "instance")));
        Assert.Null(Run(new RelabelConfig(RelabelAction.KeepEqual, ["__address__"], targetLabel: "job")));
        Assert.Null(Run(new RelabelConfig(RelabelAction.DropEqual, ["__address__"], targetLabel: "instance")));
        Assert.NotNull(Run(new RelabelConfig(RelabelAction.DropEqual, ["__address__"], targetLabel: "job")));
    }

    [Theory]
    // Expected values: the last 8 bytes of MD5, big-endian, modulo N (computed independently with Python's hashlib).
    [InlineData("10.0.0.1:9100", 8UL, 5UL)]
    [InlineData("node-a:9100;node", 3UL, 1UL)]
    [InlineData("", 10UL, 8UL)]
    [InlineData("foo", 1000000UL, 28696UL)]
    public void HashMod_matches_Prometheus(string value, ulong modulus, ulong expected) =>
        Assert.Equal(expected, Relabeler.HashMod(value, modulus));

    [Fact]
    public void HashMod_sets_the_target()
    {
        var result = Run(new RelabelConfig(RelabelAction.HashMod, ["__address__", "job"], modulus: 3, targetLabel: "shard"));
        Assert.Equal("1", result!.Get("shard"));
    }

    [Fact]
    public void LabelMap_copies_matching_names()
    {
        var result = Run(new RelabelConfig(RelabelAction.LabelMap, regex: new RelabelRegex("__meta_(.*)")));
        Assert.Equal("Prod", result!.Get("env"));
        Assert.Equal("Prod", result.Get("__meta_env"));
    }

    [Fact]
    public void LabelMap_reads_the_labels_as_they_were_before_the_rule()
    {
        var input = Labels.FromPairs("a", "1", "b", "2");
        var result = Relabeler.Process(input, [new RelabelConfig(RelabelAction.LabelMap, regex: new RelabelRegex("(a|b)"), replacement: "${1}x")]);
        Assert.Equal(Labels.FromPairs("a", "1", "ax", "1", "b", "2", "bx", "2"), result);
    }

    [Fact]
    public void LabelDrop_and_LabelKeep()
    {
        var dropped = Run(new RelabelConfig(RelabelAction.LabelDrop, regex: new RelabelRegex("__meta_.*|instance")));
        Assert.Equal(Labels.FromPairs("__address__", "node-a:9100", "job", "node"), dropped);
        var kept = Run(new RelabelConfig(RelabelAction.LabelKeep, regex: new RelabelRegex("job|instance")));
        Assert.Equal(Labels.FromPairs("job", "node", "instance", "node-a:9100"), kept);
    }

    [Fact]
    public void Lowercase_and_uppercase()
    {
        var result = Run(new RelabelConfig(RelabelAction.Lowercase, ["__meta_env"], targetLabel: "env"),
            new RelabelConfig(RelabelAction.Uppercase, ["job"], targetLabel: "JOB"));
        Assert.Equal("prod", result!.Get("env"));
        Assert.Equal("NODE", result.Get("JOB"));
    }

    [Fact]
    public void Dropping_every_label_drops_the_set()
    {
        Assert.Null(Run(new RelabelConfig(RelabelAction.LabelDrop, regex: new RelabelRegex(".*"))));
    }

    [Theory]
    [InlineData(RelabelAction.Replace, "", "relabel configuration for replace action requires 'target_label' value")]
    [InlineData(RelabelAction.Replace, "1bad", "\"1bad\" is invalid 'target_label' for replace action")]
    [InlineData(RelabelAction.Lowercase, "", "relabel configuration for lowercase action requires 'target_label' value")]
    [InlineData(RelabelAction.HashMod, "x", "relabel configuration for hashmod requires non-zero modulus")]
    public void Invalid_rules_are_refused(RelabelAction action, string target, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new RelabelConfig(action, targetLabel: target));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void LabelDrop_refuses_source_labels()
    {
        var e = Assert.Throws<ArgumentException>(() => new RelabelConfig(RelabelAction.LabelDrop, ["a"]));
        Assert.Contains("requires only 'regex'", e.Message);
    }
}
