namespace Tsdb.Scrape.Parsing;

/// <summary>
/// Prometheus's classic name rules: metric names <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, label names
/// <c>[a-zA-Z_][a-zA-Z0-9_]*</c>. Both are ASCII, so they are scanned as bytes.
/// </summary>
internal static class NameSyntax
{
    /// <summary>The end of the metric name starting at <paramref name="start"/>, or <paramref name="start"/> if there is none.</summary>
    public static int ScanMetricName(ReadOnlySpan<byte> line, int start)
    {
        if (start >= line.Length || !IsMetricNameStart(line[start])) return start;
        int i = start + 1;
        while (i < line.Length && (IsMetricNameStart(line[i]) || IsDigit(line[i]))) i++;
        return i;
    }

    /// <summary>The end of the label name starting at <paramref name="start"/>, or <paramref name="start"/> if there is none.</summary>
    public static int ScanLabelName(ReadOnlySpan<byte> line, int start)
    {
        if (start >= line.Length || !IsLabelNameStart(line[start])) return start;
        int i = start + 1;
        while (i < line.Length && (IsLabelNameStart(line[i]) || IsDigit(line[i]))) i++;
        return i;
    }

    public static bool IsValidMetricName(ReadOnlySpan<byte> name) => name.Length > 0 && ScanMetricName(name, 0) == name.Length;

    public static bool IsValidLabelName(ReadOnlySpan<byte> name) => name.Length > 0 && ScanLabelName(name, 0) == name.Length;

    /// <summary>Whether the byte can continue a metric name.</summary>
    public static bool IsMetricNameChar(byte c) => IsMetricNameStart(c) || IsDigit(c);

    private static bool IsLabelNameStart(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_';

    private static bool IsMetricNameStart(byte c) => IsLabelNameStart(c) || c == ':';

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;
}
