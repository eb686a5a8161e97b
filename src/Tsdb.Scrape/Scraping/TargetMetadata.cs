using System.Text;
using Tsdb.Scrape.Parsing;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// The metadata (TYPE, HELP, UNIT) one target exposed in its last successful scrape, by metric family name,
/// for the metadata API. A family that stops appearing in the page is forgotten when the scrape ends.
/// Reading a family the page repeats unchanged allocates nothing: names are looked up as spans and the
/// help text is compared in its raw, still escaped, form.
/// </summary>
public sealed class TargetMetadata
{
    private const int StackNameLimit = 256;

    private sealed class Entry
    {
        public MetricType Type;
        public byte[] RawHelp = [];
        public string Help = "";
        public byte[] RawUnit = [];
        public string Unit = "";
        public int SeenInScrape;
    }

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byNameSpan;
    private int _scrape;

    public TargetMetadata()
    {
        _byNameSpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A copy of what is known, by family name.</summary>
    public IReadOnlyDictionary<string, MetricMetadata> Snapshot()
    {
        lock (_lock)
        {
            return _byName.ToDictionary(static e => e.Key, static e => new MetricMetadata(e.Value.Type, e.Value.Help, e.Value.Unit),
                StringComparer.Ordinal);
        }
    }

    /// <summary>Records the parser's current HELP, TYPE or UNIT entry.</summary>
    internal void Record(EntryKind kind, ExpositionParser parser)
    {
        var rawName = parser.MetricName;
        int maxChars = Encoding.UTF8.GetMaxCharCount(rawName.Length);
        Span<char> buffer = maxChars <= StackNameLimit ? stackalloc char[StackNameLimit] : new char[maxChars];
        var name = buffer[..Encoding.UTF8.GetChars(rawName, buffer)];
        lock (_lock)
        {
            if (!_byNameSpan.TryGetValue(name, out var entry))
            {
                entry = new Entry();
                _byName.Add(new string(name), entry);
            }
            entry.SeenInScrape = _scrape;
            switch (kind)
            {
                case EntryKind.Type:
                    entry.Type = parser.Type;
                    break;
                case EntryKind.Help when !parser.Text.SequenceEqual(entry.RawHelp):
                    entry.RawHelp = parser.Text.ToArray();
                    entry.Help = parser.DecodeHelp();
                    break;
                case EntryKind.Unit when !parser.Text.SequenceEqual(entry.RawUnit):
                    entry.RawUnit = parser.Text.ToArray();
                    entry.Unit = parser.DecodeUnit();
                    break;
            }
        }
    }

    /// <summary>Starts a new page: families it does not mention are dropped by <see cref="EndScrape"/>.</summary>
    internal void BeginScrape()
    {
        lock (_lock) _scrape++;
    }

    /// <summary>After a successful page, forgets the families it did not mention; after a failed one keeps everything.</summary>
    internal void EndScrape(bool succeeded)
    {
        if (!succeeded) return;
        lock (_lock)
        {
            foreach (var (name, entry) in _byName)
            {
                if (entry.SeenInScrape != _scrape) _byName.Remove(name);
            }
        }
    }
}
