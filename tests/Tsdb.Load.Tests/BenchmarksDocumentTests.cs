using FsCheck;
using FsCheck.Fluent;
using Tsdb.Load.Compare;

namespace Tsdb.Load.Tests;

public class BenchmarksDocumentTests
{
    private const string Heading = "## Load";

    [Fact]
    public void ReplacesOnlyItsOwnSection()
    {
        string document = "# Benchmarks\n\nintro\n\n## Chunks\n\nchunk figures\n\n## Load\n\nold table\n\n### Run 1\n\nold run\n\n## Head\n\nhead figures\n";
        string updated = BenchmarksDocument.ReplaceSection(document, Heading, "new table");
        Assert.Equal("# Benchmarks\n\nintro\n\n## Chunks\n\nchunk figures\n\n## Load\n\nnew table\n\n## Head\n\nhead figures\n", updated);
    }

    [Fact]
    public void AppendsTheSectionWhenMissing()
    {
        Assert.Equal("# Benchmarks\n\n## Load\n\nbody\n", BenchmarksDocument.ReplaceSection("# Benchmarks\n", Heading, "body"));
    }

    [Fact]
    public void AHeadingInsideACodeFenceDoesNotEndTheSection()
    {
        string document = "## Load\n\n```\n## not a heading\n```\n\n## Next\n";
        Assert.Equal("## Load\n\nx\n\n## Next\n", BenchmarksDocument.ReplaceSection(document, Heading, "x"));
    }

    [Fact]
    public void OtherSectionsSurviveAndReplacingTwiceIsReplacingOnce()
    {
        var words = Gen.Elements("alpha", "beta", "gamma", "| a | b |", "### Sub");
        var sections = Gen.ListOf(Gen.Elements("## One", "## Two", "## Three"))
            .SelectMany(headings => Gen.ListOf(words, headings.Count).Select(bodies => headings.Distinct().Zip(bodies)));
        Prop.ForAll(sections.ToArbitrary(), words.ToArbitrary(), words.ToArbitrary(), (others, first, second) =>
        {
            string document = "# Benchmarks\n" + string.Concat(others.Select(s => $"\n{s.First}\n\n{s.Second}\n"));
            string once = BenchmarksDocument.ReplaceSection(document, Heading, first);
            string twice = BenchmarksDocument.ReplaceSection(BenchmarksDocument.ReplaceSection(once, Heading, "other"), Heading, first);
            return once == twice
                && others.All(s => once.Contains($"{s.First}\n\n{s.Second}\n", StringComparison.Ordinal))
                && once.Contains($"{Heading}\n\n{first}\n", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RefusesAHeadingThatIsNotLevelTwo()
    {
        Assert.Throws<ArgumentException>(() => BenchmarksDocument.ReplaceSection("", "# Load", "x"));
    }
}
