namespace Tsdb.Query.Engine;

public sealed class Scalar(long t, double f) : QueryValue
{
    public long T { get; } = t;

    public double F { get; } = f;

    public override string TypeName => "scalar";
}
