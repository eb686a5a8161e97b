namespace Tsdb.Query.Engine;

public sealed class StringValue(long t, string value) : QueryValue
{
    public long T { get; } = t;

    public string Value { get; } = value;

    public override string TypeName => "string";
}
