using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Tsdb.Scrape.Configuration;

/// <summary>
/// The fields of one YAML mapping, checked against the names a configuration type allows, with typed
/// accessors whose errors name the file, line, column and field. Type names in messages follow
/// Prometheus's ("config.ScrapeConfig") so operators recognise them.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);

    public ConfigSource Source { get; }
    public YamlNode Node { get; }

    public YamlFields(YamlNode node, string typeName, ConfigSource source, params string[] allowed)
    {
        Source = source;
        Node = node;
        if (IsNull(node)) return;
        if (node is not YamlMappingNode mapping)
            throw source.Error(node, $"cannot unmarshal {Describe(node)} into {typeName}");
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
                throw source.Error(keyNode, $"a key of {typeName} must be a string");
            if (Array.IndexOf(allowed, key) < 0)
                throw source.Error(keyNode, $"field {key} not found in type {typeName}");
            if (!_fields.TryAdd(key, (scalarKey, value)))
                throw source.Error(keyNode, $"field {key} already set in type {typeName}");
        }
    }

    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public bool Has(string key) => _fields.TryGetValue(key, out var f) && !IsNull(f.Value);

    /// <summary>The value node, or null when the field is absent or explicitly null.</summary>
    public YamlNode? Get(string key) => _fields.TryGetValue(key, out var f) && !IsNull(f.Value) ? f.Value : null;

    public ConfigException Error(string key, string message)
    {
        var node = _fields.TryGetValue(key, out var f) ? (YamlNode)f.Key : Node;
        return Source.Error(node, message);
    }

    public string String(string key, string fallback = "")
    {
        var node = Get(key);
        if (node is null) return fallback;
        return Scalar(node, key);
    }

    public bool Bool(string key, bool fallback)
    {
        var node = Get(key);
        if (node is null) return fallback;
        return Scalar(node, key) switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            var text => throw Source.Error(node, $"field {key}: cannot unmarshal \"{text}\" into bool"),
        };
    }

    public long Long(string key, long fallback = 0)
    {
        var node = Get(key);
        if (node is null) return fallback;
        string text = Scalar(node, key);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw Source.Error(node, $"field {key}: cannot unmarshal \"{text}\" into an integer");
        return value;
    }

    public int Int(string key, int fallback)
    {
        long value = Long(key, fallback);
        if (value is < int.MinValue or > int.MaxValue) throw Error(key, $"field {key}: {value} is out of range");
        return (int)value;
    }

    /// <summary>A duration field; absent gives <paramref name="fallback"/> (zero means "inherit" for intervals).</summary>
    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        var node = Get(key);
        if (node is null) return fallback;
        string text = Scalar(node, key);
        if (!PromDuration.TryParse(text, out var value, out var error))
            throw Source.Error(node, $"field {key}: {error}");
        return value;
    }

    public long Size(string key)
    {
        var node = Get(key);
        if (node is null) return 0;
        try
        {
            return ByteSize.Parse(Scalar(node, key));
        }
        catch (FormatException e)
        {
            throw Source.Error(node, $"field {key}: {e.Message}");
        }
    }

    public IReadOnlyList<string> Strings(string key)
    {
        var node = Get(key);
        if (node is null) return [];
        if (node is not YamlSequenceNode sequence)
            throw Source.Error(node, $"field {key}: cannot unmarshal {Describe(node)} into a list of strings");
        var result = new List<string>(sequence.Children.Count);
        foreach (var item in sequence.Children) result.Add(Scalar(item, key));
        return result;
    }

    /// <summary>Each mapping of a list field, read by <paramref name="read"/>; a null item is an error, as in Prometheus.</summary>
    public IReadOnlyList<T> List<T>(string key, string nullItemMessage, Func<YamlNode, T> read)
    {
        var node = Get(key);
        if (node is null) return [];
        if (node is not YamlSequenceNode sequence)
            throw Source.Error(node, $"field {key}: cannot unmarshal {Describe(node)} into a list");
        var result = new List<T>(sequence.Children.Count);
        foreach (var item in sequence.Children)
        {
            if (IsNull(item)) throw Source.Error(item, nullItemMessage);
            result.Add(read(item));
        }
        return result;
    }

    /// <summary>A mapping of strings to strings, keys in file order.</summary>
    public IReadOnlyList<KeyValuePair<YamlScalarNode, string>> StringMap(string key)
    {
        var node = Get(key);
        if (node is null) return [];
        if (node is not YamlMappingNode mapping)
            throw Source.Error(node, $"field {key}: cannot unmarshal {Describe(node)} into a map of strings");
        var result = new List<KeyValuePair<YamlScalarNode, string>>();
        foreach (var (k, v) in mapping.Children)
        {
            if (k is not YamlScalarNode scalarKey) throw Source.Error(k, $"field {key}: keys must be strings");
            result.Add(new(scalarKey, IsNull(v) ? "" : Scalar(v, key)));
        }
        return result;
    }

    private string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } value }
            ? value
            : throw Source.Error(node, $"field {key}: cannot unmarshal {Describe(node)} into a string");

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"\"{s.Value}\"",
        _ => "a value",
    };
}

/// <summary>The file being loaded: its name for messages and its directory for relative paths.</summary>
internal sealed class ConfigSource(string fileName, string directory)
{
    public string FileName { get; } = fileName;

    public ConfigException Error(YamlNode node, string message) =>
        new($"{FileName}:{node.Start.Line}:{node.Start.Column}: {message}");

    /// <summary>Relative paths are relative to the configuration file's directory, as in Prometheus.</summary>
    public string ResolvePath(string path) =>
        path.Length == 0 || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));
}
