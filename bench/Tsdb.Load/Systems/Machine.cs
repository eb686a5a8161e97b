using System.Diagnostics;
using System.Globalization;

namespace Tsdb.Load.Systems;

/// <summary>What the comparisons need of the machine they run on: pinning to a core, and the facts their reports name.</summary>
public static class Machine
{
    public static void PinToCore(int pid, int core)
    {
        var start = new ProcessStartInfo("taskset", ["-a", "-p", "-c", core.ToString(CultureInfo.InvariantCulture), pid.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        };
        using var taskset = Process.Start(start)!;
        taskset.StandardOutput.ReadToEnd();
        taskset.WaitForExit();
        if (taskset.ExitCode != 0) throw new InvalidOperationException($"taskset could not pin the load generator to core {core}");
    }

    /// <summary>
    /// Sets the nice value of every thread of a process (Linux prioritises threads, not processes); threads it
    /// starts later inherit it from the thread that starts them. Raising a priority needs the privilege to: without
    /// it the process keeps its priority and this says so.
    /// </summary>
    public static bool TrySetNiceness(int pid, int niceness)
    {
        var threads = Directory.GetDirectories($"/proc/{pid}/task").Select(Path.GetFileName).ToArray();
        var start = new ProcessStartInfo("renice", ["-n", niceness.ToString(CultureInfo.InvariantCulture), "-p", .. threads!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var renice = Process.Start(start)!;
        renice.StandardOutput.ReadToEnd();
        renice.StandardError.ReadToEnd();
        renice.WaitForExit();
        return renice.ExitCode == 0;
    }

    public static string PackageVersion(string package)
    {
        using var process = Process.Start(new ProcessStartInfo("dpkg-query", ["-W", "-f", "${Version}", package]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return version.Length > 0 ? version : "(version unknown)";
    }

    public static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tsdb.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no Tsdb.sln above {AppContext.BaseDirectory}");
    }
}
