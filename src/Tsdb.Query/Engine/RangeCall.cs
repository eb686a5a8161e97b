namespace Tsdb.Query.Engine;

/// <summary>A range function ready to slide over series: which function, and whether its results keep the metric name.</summary>
internal abstract record RangeCall(bool KeepsName)
{
    public static RangeCall For(string name, List<Matrix> scalarArgs) => RangeFunctions.ExtrapolationOf(name) is { } extrapolation
        ? new ExtrapolatedRangeCall(extrapolation)
        : new WindowRangeCall(RangeFunctions.Get(name), scalarArgs, KeepsName: name == "last_over_time");
}

/// <summary>rate, increase or delta, which the evaluator computes itself, without a window object and a delegate call per step.</summary>
internal sealed record ExtrapolatedRangeCall(Extrapolation Extrapolation) : RangeCall(KeepsName: false)
{
    /// <summary>The windows and factors shared by the series sampled at the same times.</summary>
    public ExtrapolationPlans Plans { get; } = new();
}

/// <summary>Any other range function: a delegate called on each step's window, with its scalar arguments' values at that step.</summary>
internal sealed record WindowRangeCall(RangeFunction Function, List<Matrix> ScalarArgs, bool KeepsName) : RangeCall(KeepsName)
{
    /// <summary>The buffer the scalar arguments' values at one step are copied into.</summary>
    public double[] Parameters { get; } = new double[ScalarArgs.Count];
}
