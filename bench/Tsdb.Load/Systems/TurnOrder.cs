namespace Tsdb.Load.Systems;

/// <summary>
/// The order in which several instances take their turn at one step of a measurement: the same cyclic order
/// every step, starting one further along each step. Over as many steps as there are instances every
/// instance goes first, second, ... last once, so that whatever else the machine is doing at a moment, and
/// whatever one instance leaves behind for the next (background work, caches), falls on all of them alike.
/// </summary>
public static class TurnOrder
{
    /// <summary>The instance indexes, 0 to <paramref name="instances"/> - 1, in the order they take step <paramref name="step"/>.</summary>
    public static int[] Of(int step, int instances)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(instances);
        var order = new int[instances];
        for (int k = 0; k < instances; k++) order[k] = (step + k) % instances;
        return order;
    }
}
