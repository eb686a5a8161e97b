namespace Tsdb.Storage;

/// <summary>
/// The slot arithmetic and fill policy of the head's open-addressing tables (series by labels, and the remote write
/// receiver's series cache). A table is at most 7/8 full and grows by half when it would be fuller, so it stays 7/12
/// to 7/8 full: doubling at 3/4 left such tables 3/8 to 3/4 full, and at 100,000 series just past a doubling. A key's
/// first slot is 32 bits of its hash scaled to the table's size rather than masked, which needs no power of two.
/// </summary>
public static class LinearProbing
{
    /// <summary>The slot a key whose hash has these 32 bits starts from.</summary>
    public static int Home(uint hashBits, int size) => (int)((hashBits * (ulong)size) >> 32);

    /// <summary>The slot probed after <paramref name="slot"/>.</summary>
    public static int Next(int slot, int size) => slot + 1 == size ? 0 : slot + 1;

    /// <summary>Whether a table of <paramref name="size"/> slots holding <paramref name="count"/> keys must grow before taking one more.</summary>
    public static bool MustGrow(int count, int size) => (count + 1) * 8 > size * 7;

    /// <summary>The size a table grows to.</summary>
    public static int GrownSize(int size) => size + size / 2;
}
