using System.Diagnostics;
using System.Globalization;

namespace Tsdb.Load.Systems;

/// <summary>Bytes of the files under a directory, following symbolic links (VictoriaMetrics snapshots are made of them) and counting hard links once.</summary>
public static class DiskUsage
{
    public static async Task<long> ApparentBytesAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"no directory {directory} to measure");
        var start = new ProcessStartInfo("du", ["-s", "-b", "-L", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var du = Process.Start(start) ?? throw new InvalidOperationException("could not start du");
        string output = await du.StandardOutput.ReadToEndAsync(cancellationToken);
        string error = await du.StandardError.ReadToEndAsync(cancellationToken);
        await du.WaitForExitAsync(cancellationToken);
        if (du.ExitCode != 0) throw new InvalidOperationException($"du {directory} failed: {error.Trim()}");
        return long.Parse(output.Split('\t')[0], CultureInfo.InvariantCulture);
    }
}
