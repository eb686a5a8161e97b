using System.Globalization;
using Tsdb.Query.Parsing;
using Tsdb.Storage;

namespace Tsdb.Query.Tests.Engine;

/// <summary>
/// Loads test data written like Prometheus's test scripts: a first line <c>load &lt;interval&gt;</c>, then one
/// series per line, <c>metric{a="b"} 0+10x3 _ stale 7</c>. Sample i lands at i × interval from time 0.
/// Values: a number (or Inf, NaN), <c>_</c> (no sample), <c>stale</c> (a staleness marker),
/// <c>a+bxn</c> / <c>a-bxn</c> (n+1 samples from a stepping by b), <c>_xn</c> (n gaps).
/// </summary>
internal static class SeriesLoader
{
    public static readonly double StaleMarker = BitConverter.UInt64BitsToDouble(0x7ff0000000000002);

    public static Head Load(string script)
    {
        var head = Head.Open(new HeadOptions());
        var lines = script.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("load ", StringComparison.Ordinal))
            throw new FormatException("the script must start with 'load <interval>'");
        if (!Durations.TryParse(lines[0][5..].Trim(), out var interval, out var error))
            throw new FormatException($"bad load interval: {error}");
        long step = (long)interval.TotalMilliseconds;
        var appender = head.Appender();
        foreach (var line in lines.Skip(1))
        {
            int split = line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : line.IndexOf(' ');
            var labels = ParseLabels(line[..split]);
            long t = 0;
            foreach (var token in line[split..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var value in Expand(token))
                {
                    if (value is { } v) appender.Append(labels, t, v, out _);
                    t += step;
                }
            }
        }
        appender.Commit();
        return head;
    }

    private static Labels ParseLabels(string text)
    {
        var selector = (VectorSelector)PromQL.Parse(text.Trim());
        return Labels.From(selector.Matchers.Select(m => new Label(m.Name, m.Value)));
    }

    private static IEnumerable<double?> Expand(string token)
    {
        if (token == "_") return [null];
        if (token == "stale") return [StaleMarker];
        int x = token.LastIndexOf('x');
        if (x < 0) return [Number(token)];
        int count = int.Parse(token[(x + 1)..], CultureInfo.InvariantCulture);
        var series = token[..x];
        if (series == "_") return Enumerable.Repeat<double?>(null, count);
        int sign = series.IndexOfAny(['+', '-'], 1);
        double start = Number(sign < 0 ? series : series[..sign]);
        double increment = sign < 0 ? 0 : Number(series[sign..]);
        return Enumerable.Range(0, count + 1).Select(i => (double?)(start + i * increment));
    }

    private static double Number(string s) => s switch
    {
        "Inf" or "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };
}
