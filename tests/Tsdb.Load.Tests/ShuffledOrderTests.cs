using Tsdb.Load.Queries;

namespace Tsdb.Load.Tests;

public class ShuffledOrderTests
{
    [Fact]
    public void EveryRoundRunsEveryQueryOnce()
    {
        for (int round = 0; round < 50; round++)
            Assert.Equal(Enumerable.Range(0, 5), ShuffledOrder.Of(round, 5).Order());
    }

    [Fact]
    public void EveryRunUsesTheSameOrders()
    {
        Assert.Equal(ShuffledOrder.Of(7, 5), ShuffledOrder.Of(7, 5));
    }

    [Fact]
    public void OverTwentyRoundsEachQueryFollowsEveryOther()
    {
        var orders = Enumerable.Range(0, 20).Select(round => ShuffledOrder.Of(round, 5)).ToArray();
        for (int q = 0; q < 5; q++)
        {
            var followed = orders.Where(order => Array.IndexOf(order, q) > 0).Select(order => order[Array.IndexOf(order, q) - 1]).ToHashSet();
            Assert.Equal(Enumerable.Range(0, 5).Where(other => other != q).ToHashSet(), followed);
        }
    }
}
