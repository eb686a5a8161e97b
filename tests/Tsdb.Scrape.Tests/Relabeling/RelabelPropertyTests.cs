using FsCheck;
using FsCheck.Fluent;
using Tsdb.Scrape.Relabeling;
using Tsdb.Storage;

namespace Tsdb.Scrape.Tests.Relabeling;

public class RelabelPropertyTests
{
    private static readonly string[] Names = ["a", "b", "job", "instance", "__meta_x", "__address__", "env", "z_1"];
    private static readonly string[] Values = ["", "x", "node", "Prod", "1", "a;b", "ÄÖ"];

    private static Arbitrary<Labels> LabelSets() =>
        Gen.ListOf(Gen.Zip(Gen.Elements(Names), Gen.Elements(Values)))
            .Select(pairs => Labels.From(pairs.GroupBy(p => p.Item1).Select(g => new Label(g.Key, g.First().Item2))))
            .ToArbitrary();

    private static Arbitrary<string> Patterns() => Gen.Elements("(.*)", "x", "no.*", "[a-z]+", "", "P.*|1", "a;b").ToArbitrary();

    [Fact]
    public void Keep_then_drop_with_the_same_regex_drops_everything() =>
        Prop.ForAll(LabelSets(), Patterns(), Gen.Elements(Names).ToArbitrary(), (labels, pattern, source) =>
        {
            var regex = new RelabelRegex(pattern);
            return Relabeler.Process(labels, [
                new RelabelConfig(RelabelAction.Keep, [source], regex: regex),
                new RelabelConfig(RelabelAction.Drop, [source], regex: regex)]) is null;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void LabelMap_with_match_all_is_identity() =>
        Prop.ForAll(LabelSets(), labels =>
        {
            var result = Relabeler.Process(labels, [new RelabelConfig(RelabelAction.LabelMap, regex: new RelabelRegex("(.*)"))]);
            return labels.Count == 0 ? result is null : labels.Equals(result);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Outputs_are_sorted_unique_and_without_empty_values() =>
        Prop.ForAll(LabelSets(), Patterns(), Gen.Elements(Names).ToArbitrary(), (labels, pattern, target) =>
        {
            var regex = new RelabelRegex(pattern);
            var result = Relabeler.Process(labels, [
                new RelabelConfig(sourceLabels: ["job", "env"], regex: regex, targetLabel: target, replacement: "$1"),
                new RelabelConfig(RelabelAction.LabelMap, regex: regex, replacement: "m_$0"),
                new RelabelConfig(RelabelAction.HashMod, ["a"], modulus: 7, targetLabel: "shard")]);
            if (result is null) return true;
            for (int i = 0; i < result.Count; i++)
            {
                if (result[i].Value.Length == 0 || !LabelName.IsValid(result[i].Name)) return false;
                if (i > 0 && string.CompareOrdinal(result[i - 1].Name, result[i].Name) >= 0) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
}
