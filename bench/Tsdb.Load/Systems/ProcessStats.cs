using System.Globalization;
using System.Runtime.InteropServices;

namespace Tsdb.Load.Systems;

/// <summary>A process's CPU time and memory as the kernel accounts them (/proc/&lt;pid&gt;/stat and status).</summary>
public readonly record struct ProcessStats(TimeSpan CpuTime, long ResidentBytes, long PeakResidentBytes)
{
    private const int ScClkTck = 2;
    private static readonly long TicksPerSecond = sysconf(ScClkTck);

    public static ProcessStats Read(int pid)
    {
        // The command name in field 2 may hold spaces and parentheses: fields are counted after its closing one.
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kilobytes(line);
        }
        return new ProcessStats(TimeSpan.FromSeconds((double)(utime + stime) / TicksPerSecond), rss, hwm);
    }

    private static long Kilobytes(string line) =>
        1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    [DllImport("libc", SetLastError = true)]
    private static extern long sysconf(int name);
}
