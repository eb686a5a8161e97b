using System.Globalization;

namespace Tsdb.Storage.Wal;

/// <summary>
/// Segment files are named by their sequence number, eight zero-padded digits (<c>00000000</c>,
/// <c>00000001</c>, ...), in the log's directory; other files there are ignored.
/// </summary>
public static class WalSegments
{
    public const int NameLength = 8;

    public static string Name(int sequence) => sequence.ToString("D8", CultureInfo.InvariantCulture);

    public static string PathOf(string directory, int sequence) => Path.Combine(directory, Name(sequence));

    public static bool TryParseName(ReadOnlySpan<char> fileName, out int sequence)
    {
        sequence = 0;
        if (fileName.Length != NameLength) return false;
        foreach (var c in fileName)
            if (!char.IsAsciiDigit(c)) return false;
        return int.TryParse(fileName, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>
    /// The sequence numbers of the directory's segments, ascending. A gap means a segment was removed from the
    /// middle of the log, which neither a crash nor truncation can cause, so it is refused rather than repaired.
    /// </summary>
    public static List<int> List(string directory)
    {
        var sequences = new List<int>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory))
        {
            if (TryParseName(Path.GetFileName(path.AsSpan()), out int sequence))
                sequences.Add(sequence);
        }
        sequences.Sort();
        for (int i = 1; i < sequences.Count; i++)
        {
            if (sequences[i] != sequences[i - 1] + 1)
                throw new WalCorruptionException(
                    $"WAL segments in {directory} are not consecutive: {Name(sequences[i - 1])} is followed by {Name(sequences[i])}");
        }
        return sequences;
    }
}
