using System.Text;

namespace Tsdb.Load.Compare;

/// <summary>The header of a markdown table with one column per system, then ours divided by each other system.</summary>
public static class RatioTableHeader
{
    /// <param name="systems">The systems' names, ours first.</param>
    public static void Append(StringBuilder sb, IReadOnlyList<string> systems)
    {
        sb.Append("| | ").AppendJoin(" | ", systems);
        foreach (string other in systems.Skip(1)) sb.Append($" | {systems[0]} / {other}");
        sb.AppendLine(" |");
        sb.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", 2 * systems.Count - 1))).AppendLine();
    }
}
