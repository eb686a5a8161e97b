namespace Tsdb.Query.Parsing;

/// <summary>
/// A PromQL function's signature. <see cref="Variadic"/> is 0 for a fixed argument list, n &gt; 0 when the
/// last argument type may be repeated up to n more times (it is then also optional), and -1 for no limit.
/// </summary>
public sealed record Function(string Name, IReadOnlyList<ExprType> ArgTypes, int Variadic, ExprType ReturnType)
{
    public int MinArgs => Variadic == 0 ? ArgTypes.Count : ArgTypes.Count - 1;

    /// <summary>The largest number of arguments, or null when unbounded.</summary>
    public int? MaxArgs => Variadic switch
    {
        0 => ArgTypes.Count,
        < 0 => null,
        _ => ArgTypes.Count - 1 + Variadic,
    };

    /// <summary>The type argument <paramref name="index"/> must have.</summary>
    public ExprType ArgType(int index) => index < ArgTypes.Count ? ArgTypes[index] : ArgTypes[^1];
}
