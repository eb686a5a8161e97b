using System.Diagnostics;

namespace Tsdb.Load.Systems;

/// <summary>
/// The server as it is deployed: <c>dotnet publish -c Release src/Tsdb.Server</c>, self-contained and trimmed
/// (docs/operations.md). The comparisons publish it afresh, so that they measure the source as it is, into a directory
/// of their own, so that a native build in the default publish directory is left alone.
/// </summary>
public static class PublishedServer
{
    public static string Directory => Path.Combine(Machine.RepositoryRoot(), "src", "Tsdb.Server", "bin", "Release", "net10.0", "linux-x64", "compared");

    public static string Executable => ExecutableIn(Directory);

    /// <summary>Publishes into <paramref name="directory"/> and returns the executable's path.</summary>
    public static string Publish(string directory)
    {
        string project = Path.Combine(Machine.RepositoryRoot(), "src", "Tsdb.Server");
        // Without build servers: an MSBuild node or compiler server left running would sit beside the systems measured.
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", directory, "--nologo", "--disable-build-servers"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish of {project} failed with exit code {process.ExitCode}:\n{output}{errors.Result}");
        string executable = ExecutableIn(directory);
        if (!File.Exists(executable)) throw new FileNotFoundException($"dotnet publish of {project} left no executable at {executable}");
        return executable;
    }

    private static string ExecutableIn(string directory) => Path.Combine(directory, "tsdb");
}
