namespace Tsdb.Query.Engine;

/// <summary>An instant vector, in the order the evaluation produced it (as Prometheus returns it).</summary>
public sealed class Vector(List<Sample> samples) : QueryValue
{
    public List<Sample> Samples { get; } = samples;

    public override string TypeName => "vector";
}
