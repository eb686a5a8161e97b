using System.Text;
using Tsdb.Storage;

namespace Tsdb.Query.Engine;

/// <summary>Label set operations the evaluation needs: projections, name dropping, Prometheus's rendering.</summary>
internal static class LabelSets
{
    public static Labels DropMetricName(Labels labels) =>
        labels.Has(Labels.MetricName) ? labels.Filter(static l => l.Name != Labels.MetricName) : labels;

    /// <summary>Only the named labels (<paramref name="keep"/> true) or all but them (false).</summary>
    public static Labels Project(Labels labels, IReadOnlyList<string> names, bool keep, bool alsoDropName) =>
        labels.Filter(new Projection(names, keep, alsoDropName), Projection.Keeps);

    /// <summary>The hash of <see cref="Project"/>'s result, without building it.</summary>
    public static ulong ProjectionHash(Labels labels, IReadOnlyList<string> names, bool keep, bool alsoDropName) =>
        labels.HashWhere(new Projection(names, keep, alsoDropName), Projection.Keeps);

    private readonly record struct Projection(IReadOnlyList<string> Names, bool Keep, bool AlsoDropName)
    {
        public static readonly Func<Label, Projection, bool> Keeps = static (label, p) =>
            Contains(p.Names, label.Name) == p.Keep && !(p.AlsoDropName && label.Name == Labels.MetricName);
    }

    /// <summary>Sets (or, for an empty value, removes) one label.</summary>
    public static Labels With(Labels labels, string name, string value)
    {
        var list = new List<Label>(labels.Count + 1);
        foreach (var l in labels)
            if (l.Name != name) list.Add(l);
        if (value.Length > 0) list.Add(new Label(name, value));
        return Labels.From(list);
    }

    public static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (names[i] == name) return true;
        return false;
    }

    /// <summary>Prometheus's Labels.String(): every label, the name too, as <c>{a="1", b="2"}</c>.</summary>
    public static string Format(Labels labels)
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < labels.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(labels[i].ToString());
        }
        return sb.Append('}').ToString();
    }

    /// <summary>A valid label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0) return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) return false;
        }
        return true;
    }
}
