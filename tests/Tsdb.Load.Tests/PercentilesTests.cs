using FsCheck;
using FsCheck.Fluent;
using Tsdb.Load.Queries;

namespace Tsdb.Load.Tests;

public class PercentilesTests
{
    [Fact]
    public void NearestRank()
    {
        TimeSpan[] values = [.. new[] { 5, 1, 4, 2, 3 }.Select(ms => TimeSpan.FromMilliseconds(ms))];
        Assert.Equal(TimeSpan.FromMilliseconds(3), Percentiles.Of(values, 50));
        Assert.Equal(TimeSpan.FromMilliseconds(5), Percentiles.Of(values, 90));
        Assert.Equal(TimeSpan.FromMilliseconds(1), Percentiles.Of(values, 20));
    }

    [Fact]
    public void APercentileIsAValueWithThatShareAtOrBelowIt()
    {
        var lists = Gen.NonEmptyListOf(Gen.Choose(0, 1000)).Select(l => l.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray());
        Prop.ForAll(lists.ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), (values, percent) =>
        {
            var p = Percentiles.Of(values, percent);
            return values.Contains(p)
                && values.Count(v => v <= p) >= percent / 100.0 * values.Length
                && values.Count(v => v < p) < percent / 100.0 * values.Length;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RefusesNoValues()
    {
        Assert.Throws<ArgumentException>(() => Percentiles.Of(Array.Empty<TimeSpan>(), 50));
    }
}
