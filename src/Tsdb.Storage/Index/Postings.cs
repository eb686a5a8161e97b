namespace Tsdb.Storage.Index;

/// <summary>
/// A sorted, duplicate-free run of series references: an immutable view of an array prefix.
/// The head only ever appends larger references to a list, so a view taken under the index lock stays valid
/// after the lock is released.
/// </summary>
internal readonly struct Postings(uint[] items, int count)
{
    public static readonly Postings Empty = new([], 0);

    public int Count => count;

    public ReadOnlySpan<uint> Span => new(items, 0, count);

    public static Postings Of(uint[] items) => new(items, items.Length);
}
