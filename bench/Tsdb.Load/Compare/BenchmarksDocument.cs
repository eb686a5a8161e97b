namespace Tsdb.Load.Compare;

/// <summary>
/// Replaces one level-2 section of a markdown file (from its heading to the next level-2 heading), leaving
/// the rest as it was; appends the section when the heading is not there yet.
/// </summary>
public static class BenchmarksDocument
{
    public static string ReplaceSection(string document, string heading, string body)
    {
        if (!heading.StartsWith("## ", StringComparison.Ordinal)) throw new ArgumentException($"\"{heading}\" is not a level-2 heading", nameof(heading));
        string section = heading + "\n\n" + body.TrimEnd('\n') + "\n";
        var lines = document.Replace("\r\n", "\n").Split('\n').ToList();
        int start = lines.FindIndex(l => l.TrimEnd() == heading);
        if (start < 0)
        {
            string trimmed = document.TrimEnd('\n');
            return (trimmed.Length == 0 ? "" : trimmed + "\n\n") + section;
        }
        int end = start + 1;
        bool inFence = false;
        for (; end < lines.Count; end++)
        {
            if (lines[end].StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (!inFence && lines[end].StartsWith("## ", StringComparison.Ordinal)) break;
        }
        string before = string.Join('\n', lines.Take(start));
        string after = string.Join('\n', lines.Skip(end));
        return before + (before.Length > 0 ? "\n" : "") + section + (after.Length > 0 ? "\n" + after : "");
    }

    public static void WriteSection(string path, string heading, string body)
    {
        string document = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        File.WriteAllText(path, ReplaceSection(document, heading, body));
    }
}
