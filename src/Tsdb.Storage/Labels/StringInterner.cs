using System.Collections.Concurrent;

namespace Tsdb.Storage;

/// <summary>
/// Process-wide pool of label strings, so that a million series sharing `job="node"` hold one string.
/// Lookups by span let parsers find an existing string without allocating. Each string also has a
/// number, dense from 1 in the order strings arrived, so that a label set can hold 4-byte numbers
/// instead of 8-byte references.
/// </summary>
public static class StringInterner
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Ids.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Lock AddLock = new();

    // Number 0 is the empty string. Grown by copying; a number is published only after the array that
    // holds its string, so a reader that has a number always finds its string.
    private static string[] s_strings = new string[1024];
    private static int s_count = 1;

    static StringInterner() => s_strings[0] = string.Empty;

    public static string Intern(string value) => StringOf(IdOf(value));

    public static string Intern(ReadOnlySpan<char> value) => StringOf(IdOf(value));

    /// <summary>The number of a string, adding it to the pool when new.</summary>
    internal static int IdOf(string value)
    {
        if (value.Length == 0) return 0;
        return Ids.TryGetValue(value, out int id) ? id : Add(value);
    }

    internal static int IdOf(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return 0;
        return SpanLookup.TryGetValue(value, out int id) ? id : Add(value.ToString());
    }

    internal static string StringOf(int id) => Volatile.Read(ref s_strings)[id];

    private static int Add(string value)
    {
        lock (AddLock)
        {
            if (Ids.TryGetValue(value, out int existing)) return existing;
            int id = s_count;
            var strings = s_strings;
            if (id == strings.Length)
            {
                var grown = new string[strings.Length * 2];
                strings.CopyTo(grown, 0);
                Volatile.Write(ref s_strings, grown);
                strings = grown;
            }
            strings[id] = value;
            s_count = id + 1;
            Ids[value] = id;
            return id;
        }
    }
}
