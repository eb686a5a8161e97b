namespace Tsdb.Load.Systems;

/// <summary>This project's server, src/Tsdb.Server, as published (<see cref="PublishedServer"/>) or as given.</summary>
public sealed class OurServer(int core, string executable) : SystemUnderTest(core)
{
    public override string Name => "ours";

    public override Uri WriteUrl => new(BaseAddress, "api/v1/write");

    protected override string ReadyPath => "-/ready";

    /// <summary>
    /// With the scrape configuration of the run, or an empty one as Prometheus gets: without a file the
    /// server would scrape itself every 15 s, work the others are not asked to do.
    /// </summary>
    protected override (string Executable, IReadOnlyList<string> Arguments) Command()
    {
        string config = ScrapeConfigFile ?? Path.Combine(WorkDirectory, "tsdb.yml");
        if (ScrapeConfigFile is null) File.WriteAllText(config, "global:\n  scrape_interval: 15s\n");
        return (executable,
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={DataDirectory}",
            $"--web.listen-address=127.0.0.1:{Port}",
            "--web.enable-remote-write-receiver",
        ]);
    }

    /// <summary>Measured once stopped, so that nothing the log still buffered is left out.</summary>
    public override bool MeasuresDiskWhenStopped => true;

    /// <summary>
    /// The data directory, which holds only the write-ahead log so far: series records plus per sample a
    /// varint series-ref delta, a varint timestamp delta and the 8 raw value bytes. Not Gorilla-compressed.
    /// </summary>
    public override async Task<PersistedSize> PersistedSizeAsync(HttpClient client, CancellationToken cancellationToken) =>
        new(await DiskUsage.ApparentBytesAsync(DataDirectory, cancellationToken), "data directory (write-ahead log, uncompressed samples)");

    /// <summary>
    /// The executable given with <c>--server</c>, such as a native build (docs/operations.md), or null for the
    /// published build (<see cref="Resolve"/>). Read before the command rejects unknown options.
    /// </summary>
    public static string? ChosenExecutable(CommandLine args)
    {
        string path = args.String("server", "");
        if (path.Length == 0) return null;
        if (!File.Exists(path)) throw new ArgumentException($"--server {path}: no such file");
        return Path.GetFullPath(path);
    }

    /// <summary>The chosen executable, else the server published afresh, once the command's options are known to be good.</summary>
    public static string Resolve(string? chosen)
    {
        if (chosen is not null) return chosen;
        Console.WriteLine($"publishing ours into {PublishedServer.Directory}");
        return PublishedServer.Publish(PublishedServer.Directory);
    }

    /// <summary>How reports name the executable: the published build, or its path when <c>--server</c> chose another.</summary>
    public static string Describe(string executable) =>
        executable == PublishedServer.Executable ? "`dotnet publish -c Release`: self-contained, trimmed" : $"`{executable}`";
}
