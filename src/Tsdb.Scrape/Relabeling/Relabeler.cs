using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Tsdb.Storage;

namespace Tsdb.Scrape.Relabeling;

/// <summary>Applies relabeling rules in order, with Prometheus's semantics for every action.</summary>
public static class Relabeler
{
    /// <summary>The relabeled set, or null when a rule dropped it (or it ended up with no labels).</summary>
    public static Labels? Process(Labels labels, IReadOnlyList<RelabelConfig> configs)
    {
        if (configs.Count == 0) return labels;
        var builder = new LabelsBuilder(labels);
        if (!Process(builder, configs)) return null;
        var result = builder.Build();
        return result.Count == 0 ? null : result;
    }

    /// <summary>Relabels in place; false when a rule dropped the set. The builder is then in an unspecified state.</summary>
    public static bool Process(LabelsBuilder builder, IReadOnlyList<RelabelConfig> configs)
    {
        for (int i = 0; i < configs.Count; i++)
        {
            if (!Apply(configs[i], builder)) return false;
        }
        return true;
    }

    private static bool Apply(RelabelConfig config, LabelsBuilder builder)
    {
        switch (config.Action)
        {
            case RelabelAction.Drop:
                return !config.Regex.IsMatch(JoinSourceValues(config, builder));
            case RelabelAction.Keep:
                return config.Regex.IsMatch(JoinSourceValues(config, builder));
            case RelabelAction.DropEqual:
                return builder.Get(config.TargetLabel) != JoinSourceValues(config, builder);
            case RelabelAction.KeepEqual:
                return builder.Get(config.TargetLabel) == JoinSourceValues(config, builder);
            case RelabelAction.Replace:
                Replace(config, builder);
                return true;
            case RelabelAction.Lowercase:
                builder.Set(config.TargetLabel, JoinSourceValues(config, builder).ToLowerInvariant());
                return true;
            case RelabelAction.Uppercase:
                builder.Set(config.TargetLabel, JoinSourceValues(config, builder).ToUpperInvariant());
                return true;
            case RelabelAction.HashMod:
                builder.Set(config.TargetLabel, HashMod(JoinSourceValues(config, builder), config.Modulus).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return true;
            case RelabelAction.LabelMap:
                LabelMap(config, builder);
                return true;
            case RelabelAction.LabelDrop:
                builder.DeleteWhere(config.Regex, static (regex, name) => regex.IsMatch(name));
                return true;
            case RelabelAction.LabelKeep:
                builder.DeleteWhere(config.Regex, static (regex, name) => !regex.IsMatch(name));
                return true;
            default:
                throw new InvalidOperationException($"unknown relabel action {config.Action}");
        }
    }

    private static void Replace(RelabelConfig config, LabelsBuilder builder)
    {
        string value = JoinSourceValues(config, builder);
        var match = config.Regex.MatchWhole(value);
        if (match is null) return;
        string target = config.TargetLabelIsTemplate ? config.Regex.Expand(config.TargetLabel, match) : config.TargetLabel;
        // A target that expands to an invalid name leaves the labels unchanged.
        if (!LabelName.IsValid(target)) return;
        // Set with an empty value deletes the target, which is what an empty expansion means.
        builder.Set(target, config.Regex.Expand(config.Replacement, match));
    }

    private static void LabelMap(RelabelConfig config, LabelsBuilder builder)
    {
        // Names and values are read from the set as it was before this rule, so one mapping cannot feed another.
        int count = builder.Count;
        var snapshot = ArrayPool<Label>.Shared.Rent(count);
        try
        {
            builder.CopyTo(snapshot);
            for (int i = 0; i < count; i++)
            {
                var label = snapshot[i];
                var match = config.Regex.MatchWhole(label.Name);
                if (match is not null) builder.Set(config.Regex.Expand(config.Replacement, match), label.Value);
            }
        }
        finally
        {
            ArrayPool<Label>.Shared.Return(snapshot, clearArray: true);
        }
    }

    /// <summary>Prometheus's hashmod: the last 8 bytes of the MD5 of the value, big-endian, modulo N.</summary>
    public static ulong HashMod(string value, ulong modulus)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        byte[]? rented = null;
        Span<byte> bytes = byteCount <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            int written = Encoding.UTF8.GetBytes(value, bytes);
            Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
            MD5.HashData(bytes[..written], hash);
            return BinaryPrimitives.ReadUInt64BigEndian(hash[8..]) % modulus;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string JoinSourceValues(RelabelConfig config, LabelsBuilder builder)
    {
        var sources = config.SourceLabels;
        switch (sources.Count)
        {
            case 0: return "";
            case 1: return builder.Get(sources[0]);
            case 2: return string.Concat(builder.Get(sources[0]), config.Separator, builder.Get(sources[1]));
        }
        var text = new StringBuilder();
        for (int i = 0; i < sources.Count; i++)
        {
            if (i > 0) text.Append(config.Separator);
            text.Append(builder.Get(sources[i]));
        }
        return text.ToString();
    }
}
