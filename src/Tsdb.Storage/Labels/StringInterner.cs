using System.Collections.Concurrent;

namespace Tsdb.Storage;

/// <summary>
/// Process-wide pool of label strings, so that a million series sharing `job="node"` hold one string.
/// Lookups by span let parsers find an existing string without allocating.
/// </summary>
public static class StringInterner
{
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Intern(string value)
    {
        if (value.Length == 0) return string.Empty;
        return Pool.GetOrAdd(value, value);
    }

    public static string Intern(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return string.Empty;
        if (SpanLookup.TryGetValue(value, out var existing)) return existing;
        var created = value.ToString();
        return Pool.GetOrAdd(created, created);
    }
}
