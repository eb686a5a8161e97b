using System.Globalization;
using System.Text;
using Tsdb.Query.Engine;

namespace Tsdb.Server.Tests.Differential;

/// <summary>
/// Runs every query of <see cref="DifferentialQueries"/> against Prometheus 2.42 and against our engine over the
/// same data, as instant queries at several times and as range queries (one step that divides the range, one
/// that does not), and requires the same answers.
/// </summary>
public sealed class PromQLDifferentialTests(DifferentialFixture fixture) : IClassFixture<DifferentialFixture>
{
    private static readonly PromQLEngine Engine = new(new EngineOptions());

    public static TheoryData<string> SelectorQueries => new(DifferentialQueries.Selectors);
    public static TheoryData<string> LiteralQueries => new(DifferentialQueries.Literals);
    public static TheoryData<string> ArithmeticQueries => new(DifferentialQueries.Arithmetic);
    public static TheoryData<string> ComparisonQueries => new(DifferentialQueries.Comparisons);
    public static TheoryData<string> SetOperatorQueries => new(DifferentialQueries.SetOperators);
    public static TheoryData<string> AggregationQueries => new(DifferentialQueries.Aggregations);
    public static TheoryData<string> RangeFunctionQueries => new(DifferentialQueries.RangeFunctions);
    public static TheoryData<string> InstantFunctionQueries => new(DifferentialQueries.InstantFunctions);
    public static TheoryData<string> HistogramQueries => new(DifferentialQueries.Histograms);
    public static TheoryData<string> LabelQueries => new(DifferentialQueries.Labels);
    public static TheoryData<string> SubqueryQueries => new(DifferentialQueries.Subqueries);
    public static TheoryData<string> PrecedenceQueries => new(DifferentialQueries.Precedence);
    public static TheoryData<string> ErrorQueries => new(DifferentialQueries.Errors);

    [Theory, MemberData(nameof(SelectorQueries))]
    public Task Selectors(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(LiteralQueries))]
    public Task Literals(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(ArithmeticQueries))]
    public Task Arithmetic(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(ComparisonQueries))]
    public Task Comparisons(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(SetOperatorQueries))]
    public Task SetOperators(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(AggregationQueries))]
    public Task Aggregations(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(RangeFunctionQueries))]
    public Task RangeFunctions(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(InstantFunctionQueries))]
    public Task InstantFunctions(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(HistogramQueries))]
    public Task Histograms(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(LabelQueries))]
    public Task Labels(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(SubqueryQueries))]
    public Task Subqueries(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(PrecedenceQueries))]
    public Task Precedence(string query) => SameAnswers(query);

    [Theory, MemberData(nameof(ErrorQueries))]
    public Task Errors(string query) => SameAnswers(query);

    /// <summary>The query lists hold the promised number of distinct queries.</summary>
    [Fact]
    public void AtLeastFourHundredDistinctQueries()
    {
        var all = typeof(DifferentialQueries).GetFields().SelectMany(f => (string[])f.GetValue(null)!).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.True(all.Count >= 400, $"only {all.Count} queries");
    }

    /// <summary>
    /// Staleness markers survive remote write bit for bit: Prometheus hides a series right after its marker
    /// (a plain NaN would be returned as a value), while the series without a marker stays visible.
    /// </summary>
    [Fact]
    public async Task StalenessMarkersReachPrometheus()
    {
        var dataset = fixture.Dataset;
        double afterMarker = (dataset.Start + 121 * DifferentialDataset.IntervalMs) / 1000.0;
        var answer = NormalizedResult.FromPrometheusJson(await fixture.Oracle.QueryInstantAsync("batch_last_success", afterMarker));
        Assert.Equal(["{__name__=\"batch_last_success\", instance=\"b\", job=\"batch\"}"], answer.Series.Select(s => s.Metric));
        var nan = NormalizedResult.FromPrometheusJson(await fixture.Oracle.QueryInstantAsync("special_values{kind=\"always_nan\"}", afterMarker));
        Assert.True(double.IsNaN(Assert.Single(nan.Series).Points[0].F));
    }

    private async Task SameAnswers(string template)
    {
        var dataset = fixture.Dataset;
        string query = template
            .Replace("{start}", Seconds(dataset.Start), StringComparison.Ordinal)
            .Replace("{mid}", Seconds((dataset.Start + dataset.End) / 2), StringComparison.Ordinal)
            .Replace("{end}", Seconds(dataset.End), StringComparison.Ordinal);
        bool ordered = query.StartsWith("sort(", StringComparison.Ordinal) || query.StartsWith("sort_desc(", StringComparison.Ordinal);
        bool tolerant = ResultComparer.ToleratedQueries.ContainsKey(template);
        var differences = new StringBuilder();

        long[] instants =
        [
            dataset.Start + 100_000,
            dataset.End - 45 * 60_000 + 7_000,
            dataset.End - 60_000,
            dataset.End + 4 * 60_000,
        ];
        foreach (long t in instants)
        {
            var expected = NormalizedResult.FromPrometheusJson(await fixture.Oracle.QueryInstantAsync(query, t / 1000.0));
            var actual = NormalizedResult.FromEngine(() => Engine.Instant(fixture.Head, query, t, CancellationToken.None));
            Report(differences, $"instant at {t}", expected, actual, ordered, tolerant);
        }

        (long Start, long End, long Step)[] ranges =
        [
            (dataset.Start + 10 * 60_000, dataset.End, 60_000),
            (dataset.End - 50 * 60_000 + 3_000, dataset.End - 10 * 60_000, 37_000),
        ];
        foreach (var (start, end, step) in ranges)
        {
            var expected = NormalizedResult.FromPrometheusJson(await fixture.Oracle.QueryRangeAsync(query, start / 1000.0, end / 1000.0, step / 1000.0));
            var actual = NormalizedResult.FromEngine(() => Engine.Range(fixture.Head, query, start, end, step, CancellationToken.None));
            Report(differences, $"range {start}..{end} step {step}", expected, actual, ordered: false, tolerant);
        }

        Assert.True(differences.Length == 0, $"query: {query}\n{differences}");
    }

    private static void Report(StringBuilder differences, string evaluation, NormalizedResult expected, NormalizedResult actual, bool ordered, bool tolerant)
    {
        if (ResultComparer.Difference(expected, actual, ordered, tolerant) is not { } difference) return;
        differences.Append(evaluation).Append(": ").AppendLine(difference)
            .Append("  expected (Prometheus): ").AppendLine(expected.ToString())
            .Append("  actual (ours):         ").AppendLine(actual.ToString());
    }

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
