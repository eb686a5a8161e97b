namespace Tsdb.Query.Engine;

/// <summary>The staleness marker: a NaN with a payload of its own, told apart from other NaNs by its bits.</summary>
internal static class StaleNaN
{
    public const ulong Bits = 0x7ff0000000000002;

    public static bool Is(double v) => BitConverter.DoubleToUInt64Bits(v) == Bits;
}
