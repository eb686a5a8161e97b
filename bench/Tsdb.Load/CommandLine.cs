using System.Globalization;

namespace Tsdb.Load;

/// <summary>
/// <c>--name value</c> / <c>--name=value</c> options after a command word. Every option must be read by the
/// command, so a misspelt one is an error rather than silently ignored.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args)
    {
        Command = args.Count > 0 ? args[0] : "";
        for (int i = 1; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"argument {i + 1} \"{arg}\" is not an --option");
            int eq = arg.IndexOf('=');
            if (eq > 0)
            {
                _options[arg[2..eq]] = arg[(eq + 1)..];
            }
            else
            {
                if (i + 1 >= args.Count) throw new ArgumentException($"option {arg} needs a value");
                _options[arg[2..]] = args[++i];
            }
        }
    }

    public string Command { get; }

    public string String(string name, string fallback)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name, fallback);
    }

    public int Int(string name, int fallback) => (int)Double(name, fallback, whole: true);

    public double Double(string name, double fallback, bool whole = false)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || (whole && value != Math.Floor(value)))
            throw new ArgumentException($"option --{name} expects {(whole ? "a whole number" : "a number")}, got \"{text}\"");
        return value;
    }

    /// <summary>Throws naming the first option no command asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var name in _options.Keys)
        {
            if (!_read.Contains(name)) throw new ArgumentException($"unknown option --{name} for {Command}");
        }
    }
}
