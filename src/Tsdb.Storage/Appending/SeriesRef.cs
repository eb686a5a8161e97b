namespace Tsdb.Storage;

/// <summary>
/// A storage-assigned handle of a series. Callers cache it (per scrape target) to append without
/// resolving labels again; it stays valid while the series lives in the head.
/// </summary>
public readonly record struct SeriesRef(ulong Value)
{
    public static readonly SeriesRef None = default;

    public bool IsNone => Value == 0;
}
