using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Tsdb.Load.Systems;

/// <summary>
/// A metrics database run as a separate process on a fresh temporary data directory, pinned to one core with
/// taskset, listening on a free loopback port. Its output goes to a log file in the temporary directory, shown
/// when it fails to start. Disposing stops it (SIGTERM, then SIGKILL after a grace period) and deletes the
/// directory.
/// </summary>
public abstract class SystemUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);
    private readonly string _root;
    private Process? _process;
    private StreamWriter? _log;

    protected SystemUnderTest(int core)
    {
        Core = core;
        _root = Directory.CreateTempSubdirectory("tsdb-load-").FullName;
        DataDirectory = Path.Combine(_root, "data");
        Directory.CreateDirectory(DataDirectory);
        Port = FreePort.Pick();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
    }

    public abstract string Name { get; }

    public int Core { get; }

    public string DataDirectory { get; }

    protected string WorkDirectory => _root;

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>The process's exit code once it has exited, else null.</summary>
    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    public abstract Uri WriteUrl { get; }

    /// <summary>
    /// The nice value the process runs at (all its threads); 0, the default, leaves its priority alone. A
    /// negative value, which needs the privilege to raise priorities (without it the process runs at 0),
    /// makes other work on a shared core yield to the system.
    /// </summary>
    public int Niceness { get; init; }

    /// <summary>A prometheus.yml whose scrape_configs the system runs; null for none (remote write only).</summary>
    public string? ScrapeConfigFile { get; init; }

    protected abstract string ReadyPath { get; }

    protected abstract (string Executable, IReadOnlyList<string> Arguments) Command();

    /// <summary>Makes everything received visible to queries (VictoriaMetrics buffers recent rows for a second or so).</summary>
    public virtual Task FlushAsync(HttpClient client, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Waits for the work the ingest set off to end (writing out what is buffered, merges already under way), so that the
    /// CPU time read afterwards holds all of it, however much of it happened to fall within the last round. Nothing by
    /// default: only some systems have such work.
    /// </summary>
    public virtual Task FinishIngestAsync(HttpClient client, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Finishes the background work that ingest leaves behind (merging what was written into fewer, larger
    /// parts) and waits for it, so that queries and disk see the state the system settles in rather than
    /// whichever moment of that work they fall on. Nothing by default: only some systems have such work.
    /// </summary>
    public virtual Task SettleAsync(HttpClient client, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs the process's garbage collector to completion, where it can be asked to from outside; nothing by default.
    /// The compare tool runs it before every timed query (<see cref="Queries.QueryLoad"/>): a Go heap of a hundred thousand
    /// series is collected every few queries, and a collection running or not during a timed query moved Prometheus's
    /// median latency by two thirds between two blocks of rounds a minute apart.
    /// </summary>
    public virtual Task CollectGarbageAsync(HttpClient client, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether <see cref="PersistedSizeAsync"/> is called after the process stopped rather than while it runs.</summary>
    public virtual bool MeasuresDiskWhenStopped => false;

    /// <summary>Bytes on disk for what was ingested, in the system's compressed form where it has one.</summary>
    public abstract Task<PersistedSize> PersistedSizeAsync(HttpClient client, CancellationToken cancellationToken);

    public async Task StartAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var (executable, arguments) = Command();
        // nice and taskset each exec the next: the process started is the system itself, with every thread it starts
        // inheriting the priority and the core.
        var start = new ProcessStartInfo("nice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        foreach (var argument in (string[])["-n", Niceness.ToString(CultureInfo.InvariantCulture), "taskset", "-c", Core.ToString(CultureInfo.InvariantCulture), executable, .. arguments])
            start.ArgumentList.Add(argument);
        _log = new StreamWriter(Path.Combine(_root, "output.log")) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        _process.OutputDataReceived += (_, e) => WriteLog(e.Data);
        _process.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting:\n{LogTail()}");
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, ReadyPath), cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"{Name} was not ready within {ReadyTimeout.TotalSeconds} s:\n{LogTail()}");
    }

    /// <summary>Asks the process to shut down as on Ctrl+C and waits for it; kills it if it does not stop in time.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        _ = kill(_process.Id, SigTerm);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private void WriteLog(string? line)
    {
        if (line is null) return;
        lock (_root) _log?.WriteLine(line);
    }

    private string LogTail()
    {
        lock (_root)
        {
            _log?.Flush();
            var lines = File.ReadAllLines(Path.Combine(_root, "output.log"));
            return string.Join('\n', lines.TakeLast(20));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        lock (_root)
        {
            _log?.Dispose();
            _log = null;
        }
        Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
