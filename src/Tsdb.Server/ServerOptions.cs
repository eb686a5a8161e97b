namespace Tsdb.Server;

/// <summary>The command-line flags, named as Prometheus names them.</summary>
public sealed record ServerOptions
{
    public string StoragePath { get; init; } = "data";
    public string ListenAddress { get; init; } = "0.0.0.0:9090";

    private static readonly Dictionary<string, string> Help = new()
    {
        ["--storage.tsdb.path"] = "Base path for metrics storage. Default: data/",
        ["--web.listen-address"] = "Address to listen on for the web interface and API. Default: 0.0.0.0:9090",
    };

    /// <summary>Parses <c>--flag=value</c> and <c>--flag value</c>; throws <see cref="ArgumentException"/> naming a bad flag.</summary>
    public static ServerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ServerOptions();
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name, value;
            int eq = arg.IndexOf('=');
            if (eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            else
            {
                name = arg;
                if (!Help.ContainsKey(name)) throw new ArgumentException($"unknown flag {name}");
                if (i + 1 >= args.Count) throw new ArgumentException($"flag {name} needs a value");
                value = args[++i];
            }
            options = name switch
            {
                "--storage.tsdb.path" => options with { StoragePath = value },
                "--web.listen-address" => options with { ListenAddress = value },
                _ => throw new ArgumentException($"unknown flag {name}"),
            };
        }
        return options;
    }

    public static string Usage() =>
        "usage: tsdb [<flags>]\n\nFlags:\n" + string.Join("\n", Help.Select(kv => $"  {kv.Key,-28} {kv.Value}"));
}
