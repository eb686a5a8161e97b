namespace Tsdb.Query.Engine;

/// <summary>The result of a query: a <see cref="Scalar"/>, <see cref="StringValue"/>, <see cref="Vector"/> or <see cref="Matrix"/>.</summary>
public abstract class QueryValue
{
    /// <summary>The result type name used by the HTTP API: "scalar", "string", "vector" or "matrix".</summary>
    public abstract string TypeName { get; }
}
