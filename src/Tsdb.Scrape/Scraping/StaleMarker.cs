namespace Tsdb.Scrape.Scraping;

/// <summary>
/// The value written when a series stops being exposed: a NaN with a payload no arithmetic produces,
/// so queries can tell "this series ended" from a scraped NaN. Compared by bits, never by value.
/// </summary>
public static class StaleMarker
{
    public const ulong Bits = 0x7ff0000000000002UL;

    public static readonly double Value = BitConverter.UInt64BitsToDouble(Bits);

    public static bool Is(double value) => BitConverter.DoubleToUInt64Bits(value) == Bits;
}
