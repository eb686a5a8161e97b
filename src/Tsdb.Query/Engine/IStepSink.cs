namespace Tsdb.Query.Engine;

/// <summary>
/// Where a range function slid over one series puts its value at each step that has one, in ascending step
/// order. Implemented by structs and taken as a generic argument, so the JIT compiles the sliding loop once
/// per destination with the call inlined: a series' points (<see cref="PointListSink"/>) or an aggregation's
/// per-step group slots (<see cref="StepGroups.GroupSink"/>).
/// </summary>
internal interface IStepSink
{
    void Put(int step, long ts, double value);
}
