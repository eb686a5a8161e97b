using System.Text.Json;
using Tsdb.Scrape.Relabeling;
using Tsdb.Storage;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tsdb.Scrape.Discovery;

/// <summary>
/// Reads a file_sd target file: a list of <c>{targets: [...], labels: {...}}</c> in JSON (.json) or
/// YAML (.yml, .yaml). Each group gets <c>__meta_filepath</c> and the source "path:index".
/// </summary>
public static class TargetFileParser
{
    public const string FilePathLabel = "__meta_filepath";

    /// <summary>Throws <see cref="FormatException"/> naming the file and what is wrong.</summary>
    public static IReadOnlyList<TargetGroup> Parse(string path, string content)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var raw = extension switch
        {
            ".json" => ParseJson(path, content),
            ".yml" or ".yaml" => ParseYaml(path, content),
            _ => throw new FormatException($"{path}: unsupported file extension \"{extension}\""),
        };
        var groups = new List<TargetGroup>(raw.Count);
        for (int i = 0; i < raw.Count; i++)
        {
            var (targets, labels) = raw[i];
            foreach (var label in labels)
            {
                if (!LabelName.IsValid(label.Name)) throw new FormatException($"{path}: group {i}: \"{label.Name}\" is not a valid label name");
            }
            labels.Add(new Label(FilePathLabel, path));
            groups.Add(TargetGroup.Create($"{path}:{i}", targets, labels));
        }
        return groups;
    }

    private static List<(List<string> Targets, List<Label> Labels)> ParseJson(string path, string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var result = new List<(List<string>, List<Label>)>();
            if (document.RootElement.ValueKind == JsonValueKind.Null) return result;
            if (document.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException($"{path}: expected a JSON array of target groups");
            foreach (var group in document.RootElement.EnumerateArray())
            {
                if (group.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: a target group must be an object");
                var targets = new List<string>();
                var labels = new List<Label>();
                foreach (var property in group.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "targets":
                            foreach (var t in property.Value.EnumerateArray()) targets.Add(t.GetString() ?? "");
                            break;
                        case "labels":
                            if (property.Value.ValueKind == JsonValueKind.Null) break;
                            foreach (var l in property.Value.EnumerateObject()) labels.Add(new Label(l.Name, l.Value.GetString() ?? ""));
                            break;
                        default:
                            throw new FormatException($"{path}: unknown field \"{property.Name}\" in target group");
                    }
                }
                result.Add((targets, labels));
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    private static List<(List<string> Targets, List<Label> Labels)> ParseYaml(string path, string content)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(content));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }
        var result = new List<(List<string>, List<Label>)>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode) return result;
        if (stream.Documents[0].RootNode is not YamlSequenceNode groups)
            throw Error(path, stream.Documents[0].RootNode, "expected a list of target groups");
        foreach (var node in groups)
        {
            if (node is not YamlMappingNode group) throw Error(path, node, "a target group must be a mapping");
            var targets = new List<string>();
            var labels = new List<Label>();
            foreach (var (key, value) in group.Children)
            {
                switch ((key as YamlScalarNode)?.Value)
                {
                    case "targets" when value is YamlSequenceNode list:
                        foreach (var t in list) targets.Add(t is YamlScalarNode { Value: { } s } ? s : throw Error(path, t, "a target must be a string"));
                        break;
                    case "labels" when value is YamlMappingNode map:
                        foreach (var (n, v) in map.Children)
                        {
                            if (n is not YamlScalarNode { Value: { } name } || v is not YamlScalarNode { Value: { } text })
                                throw Error(path, n, "labels must map strings to strings");
                            labels.Add(new Label(name, text));
                        }
                        break;
                    case "targets" or "labels":
                        if (value is YamlScalarNode { Value: null or "" or "null" or "~" }) break;
                        throw Error(path, value, $"unexpected value for {((YamlScalarNode)key).Value}");
                    default:
                        throw Error(path, key, $"unknown field \"{(key as YamlScalarNode)?.Value}\" in target group");
                }
            }
            result.Add((targets, labels));
        }
        return result;
    }

    private static FormatException Error(string path, YamlNode node, string message) =>
        new($"{path}:{node.Start.Line}:{node.Start.Column}: {message}");
}
