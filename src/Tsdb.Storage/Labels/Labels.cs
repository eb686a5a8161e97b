using System.Buffers;
using System.Collections;
using System.Text;

namespace Tsdb.Storage;

/// <summary>
/// The identity of a series: an immutable set of labels sorted by name, `__name__` included, with
/// interned strings and a 64-bit hash that is the same in every process (xxHash64 of the UTF-8 names
/// and values, each followed by 0xFF, which cannot occur in UTF-8).
/// As in Prometheus, a label with an empty value is the same as no label, so such pairs are dropped.
/// </summary>
/// <remarks>
/// The labels are held as the <see cref="StringInterner"/>'s numbers of their names and values, 8 bytes a
/// label instead of two 8-byte string references: every series of the head keeps one of these. Equal
/// strings have equal numbers, so equality compares numbers only.
/// </remarks>
public sealed class Labels : IEquatable<Labels>, IComparable<Labels>, IReadOnlyList<Label>
{
    public const string MetricName = "__name__";
    private const byte Separator = 0xFF;

    public static readonly Labels Empty = new([]);

    /// <summary>Name and value numbers, alternating, in the order of the names.</summary>
    private readonly int[] _ids;

    private ulong _hash;

    /// <summary>
    /// Computed on first use: the label sets a query builds for its answer (the name dropped, a group's
    /// labels) are mostly written out and never hashed.
    /// </summary>
    public ulong Hash
    {
        get
        {
            // Zero means not yet computed; a set whose hash is zero just computes it every time.
            ulong hash = _hash;
            return hash != 0 ? hash : _hash = ComputeHash(this);
        }
    }

    private Labels(int[] ids) => _ids = ids;

    private Labels(int[] ids, ulong hash)
    {
        _ids = ids;
        _hash = hash;
    }

    /// <summary>Builds a label set; throws <see cref="ArgumentException"/> naming a duplicate label name.</summary>
    public static Labels From(IEnumerable<Label> labels)
    {
        var list = new List<Label>();
        foreach (var l in labels)
        {
            if (l.Value.Length != 0) list.Add(l);
        }
        list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (int i = 1; i < list.Count; i++)
        {
            if (list[i].Name == list[i - 1].Name)
                throw new ArgumentException($"duplicate label name \"{list[i].Name}\"");
        }
        // Interned only now, once each: the numbers are what the set keeps.
        return list.Count == 0 ? Empty : new Labels(IdsOf(list));
    }

    public static Labels From(params Label[] labels) => From((IEnumerable<Label>)labels);

    /// <summary>From alternating names and values: <c>FromPairs("__name__", "up", "job", "node")</c>.</summary>
    public static Labels FromPairs(params string[] namesAndValues)
    {
        if (namesAndValues.Length % 2 != 0)
            throw new ArgumentException("label names and values must come in pairs");
        var labels = new Label[namesAndValues.Length / 2];
        for (int i = 0; i < labels.Length; i++)
            labels[i] = new Label(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        return From(labels);
    }

    /// <summary>
    /// Wraps labels the caller guarantees are sorted by name, unique, non-empty and interned
    /// (a decoder reading what this process wrote); skips the checks of <see cref="From(IEnumerable{Label})"/>.
    /// </summary>
    internal static Labels FromSortedUnchecked(Label[] sorted) => sorted.Length == 0 ? Empty : new Labels(IdsOf(sorted));

    /// <summary>
    /// A set around numbers and a hash kept from another set's <see cref="SharedIds"/> and <see cref="Hash"/>:
    /// what a head series keeps in place of its set, 32 bytes less a series.
    /// </summary>
    internal static Labels FromSharedIds(int[] ids, ulong hash) => new(ids, hash);

    private static int[] IdsOf(IReadOnlyList<Label> sorted)
    {
        var ids = new int[sorted.Count * 2];
        for (int i = 0; i < sorted.Count; i++)
        {
            ids[2 * i] = StringInterner.IdOf(sorted[i].Name);
            ids[2 * i + 1] = StringInterner.IdOf(sorted[i].Value);
        }
        return ids;
    }

    /// <summary>
    /// The labels <paramref name="keep"/> accepts, in order. They are already sorted, unique and interned, so
    /// nothing is checked or interned again: the cheap way to drop a label or project onto some.
    /// </summary>
    public Labels Filter(Func<Label, bool> keep) => Filter(keep, static (label, keep) => keep(label));

    /// <summary>
    /// <see cref="Filter(Func{Label, bool})"/> with the state <paramref name="keep"/> needs passed to it, so that
    /// a static function serves and no closure is allocated for every set filtered.
    /// </summary>
    public Labels Filter<TState>(TState state, Func<Label, TState, bool> keep)
    {
        // The numbers kept gather on the stack: a query filters the same sets at every step, mostly keeping all of
        // them (the set itself is returned) or dropping the name, and a scratch array on the heap was garbage either way.
        Span<int> kept = _ids.Length <= 64 ? stackalloc int[64] : new int[_ids.Length];
        int count = 0;
        for (int i = 0; i < Count; i++)
        {
            if (!keep(this[i], state)) continue;
            kept[count++] = _ids[2 * i];
            kept[count++] = _ids[2 * i + 1];
        }
        if (count == _ids.Length) return this;
        if (count == 0) return Empty;
        return new Labels(kept[..count].ToArray());
    }

    /// <summary>
    /// The <see cref="Hash"/> that <c>Filter(state, keep)</c> would have, without building that set: what a query
    /// matches series by needs only the hash of the labels it matches on.
    /// </summary>
    public ulong HashWhere<TState>(TState state, Func<Label, TState, bool> keep) => ComputeHash(this, state, keep);

    public int Count => _ids.Length / 2;

    /// <summary>The interner's numbers of the names and values, alternating, in the order of the names.</summary>
    internal ReadOnlySpan<int> Ids => _ids;

    /// <summary>The array of <see cref="Ids"/> itself, to keep without a copy; it must never be written to.</summary>
    internal int[] SharedIds => _ids;

    public Label this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return new Label(NameAt(index), ValueAt(index));
        }
    }

    private string NameAt(int index) => StringInterner.StringOf(_ids[2 * index]);

    private string ValueAt(int index) => StringInterner.StringOf(_ids[2 * index + 1]);

    /// <summary>The value of the label, or the empty string when absent (Prometheus treats both alike).</summary>
    public string Get(string name)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = string.CompareOrdinal(NameAt(mid), name);
            if (c == 0) return ValueAt(mid);
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return string.Empty;
    }

    public bool Has(string name) => Get(name).Length != 0;

    public string MetricNameValue => Get(MetricName);

    public bool Equals(Labels? other)
    {
        if (ReferenceEquals(this, other)) return true;
        return other is not null && _ids.AsSpan().SequenceEqual(other._ids);
    }

    public override bool Equals(object? obj) => obj is Labels other && Equals(other);

    public override int GetHashCode() => (int)Hash ^ (int)(Hash >> 32);

    /// <summary>Prometheus's order: label by label, name then value, then the shorter set first.</summary>
    public int CompareTo(Labels? other)
    {
        if (other is null) return 1;
        int n = Math.Min(_ids.Length, other._ids.Length);
        for (int i = 0; i < n; i++)
        {
            // Equal numbers are equal strings; names and values alternate, so this goes name, then value.
            if (_ids[i] == other._ids[i]) continue;
            int c = string.CompareOrdinal(StringInterner.StringOf(_ids[i]), StringInterner.StringOf(other._ids[i]));
            if (c != 0) return c;
        }
        return _ids.Length.CompareTo(other._ids.Length);
    }

    /// <summary>Prometheus's rendering: <c>name{a="1", b="2"}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var name = MetricNameValue;
        sb.Append(name);
        sb.Append('{');
        bool first = true;
        foreach (var l in this)
        {
            if (l.Name == MetricName) continue;
            if (!first) sb.Append(", ");
            first = false;
            sb.Append(l.ToString());
        }
        sb.Append('}');
        return sb.ToString();
    }

    public Enumerator GetEnumerator() => new(this);
    IEnumerator<Label> IEnumerable<Label>.GetEnumerator() => Enumerate().GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => Enumerate().GetEnumerator();

    private IEnumerable<Label> Enumerate()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    public struct Enumerator(Labels labels)
    {
        private int _index = -1;
        public readonly Label Current => labels[_index];
        public bool MoveNext() => ++_index < labels.Count;
    }

    private static ulong ComputeHash(Labels labels) => ComputeHash(labels, 0, static (_, _) => true);

    private static ulong ComputeHash<TState>(Labels labels, TState state, Func<Label, TState, bool> keep)
    {
        int size = 0;
        foreach (var l in labels)
            size += Encoding.UTF8.GetMaxByteCount(l.Name.Length) + Encoding.UTF8.GetMaxByteCount(l.Value.Length) + 2;
        byte[]? rented = null;
        Span<byte> buffer = size <= 1024 ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size));
        int pos = 0;
        foreach (var l in labels)
        {
            if (!keep(l, state)) continue;
            pos += Encoding.UTF8.GetBytes(l.Name, buffer[pos..]);
            buffer[pos++] = Separator;
            pos += Encoding.UTF8.GetBytes(l.Value, buffer[pos..]);
            buffer[pos++] = Separator;
        }
        var hash = XxHash64.Hash(buffer[..pos]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }
}
