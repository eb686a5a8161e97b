namespace Tsdb.Scrape.Scraping;

/// <summary>
/// Compares series texts as stored keys (byte arrays) and as the parser's spans, so the scrape cache
/// is searched with the span the parser returns and allocates a key only for a new series.
/// </summary>
internal sealed class SeriesTextComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly SeriesTextComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] text) => GetHashCode((ReadOnlySpan<byte>)text);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = new HashCode();
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
