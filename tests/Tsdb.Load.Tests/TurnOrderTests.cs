using FsCheck;
using FsCheck.Fluent;
using Tsdb.Load.Systems;

namespace Tsdb.Load.Tests;

public class TurnOrderTests
{
    [Fact]
    public void StartsOneFurtherEachStepInTheSameCyclicOrder()
    {
        Assert.Equal([0, 1, 2], TurnOrder.Of(0, 3));
        Assert.Equal([1, 2, 0], TurnOrder.Of(1, 3));
        Assert.Equal([2, 0, 1], TurnOrder.Of(2, 3));
        Assert.Equal([0, 1, 2], TurnOrder.Of(3, 3));
    }

    [Fact]
    public void EveryStepHasEveryInstanceOnce()
    {
        Prop.ForAll(Gen.Choose(0, 10_000).ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (step, instances) =>
            TurnOrder.Of(step, instances).Order().SequenceEqual(Enumerable.Range(0, instances))).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void OverAsManyStepsAsInstancesEachTakesEveryPlaceOnce()
    {
        Prop.ForAll(Gen.Choose(0, 10_000).ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (first, instances) =>
        {
            var orders = Enumerable.Range(first, instances).Select(step => TurnOrder.Of(step, instances)).ToArray();
            return Enumerable.Range(0, instances).All(place =>
                orders.Select(order => order[place]).Order().SequenceEqual(Enumerable.Range(0, instances)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RefusesNoInstances()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TurnOrder.Of(0, 0));
    }
}
