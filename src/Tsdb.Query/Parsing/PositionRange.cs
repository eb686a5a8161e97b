namespace Tsdb.Query.Parsing;

/// <summary>A half-open range [Start, End) of character offsets into the query text.</summary>
public readonly record struct PositionRange(int Start, int End)
{
    public static PositionRange Merge(PositionRange a, PositionRange b) =>
        new(Math.Min(a.Start, b.Start), Math.Max(a.End, b.End));
}
