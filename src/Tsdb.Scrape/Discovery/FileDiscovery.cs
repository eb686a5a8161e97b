using Microsoft.Extensions.Logging;
using Tsdb.Scrape.Configuration;

namespace Tsdb.Scrape.Discovery;

/// <summary>
/// file_sd: reads the configured files (globs allowed in the last path element) at start, on every
/// refresh interval and whenever a watched directory changes. A file that fails to read or parse keeps
/// its last good groups and the error is logged; a file that disappears yields empty groups so its
/// targets are removed.
/// </summary>
public sealed class FileDiscovery(FileSdConfig config, ILogger logger)
{
    private readonly Dictionary<string, IReadOnlyList<TargetGroup>> _groupsByFile = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0, 1);

    /// <summary>Runs until cancelled, calling <paramref name="publish"/> with the groups that changed after each read.</summary>
    public async Task RunAsync(Func<IReadOnlyList<TargetGroup>, ValueTask> publish, CancellationToken cancellation)
    {
        var watchers = StartWatchers();
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                await publish(Refresh()).ConfigureAwait(false);
                try
                {
                    await _changed.WaitAsync(config.RefreshInterval, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            foreach (var watcher in watchers) watcher.Dispose();
        }
    }

    /// <summary>Reads every matching file once; returns all current groups plus empty ones for sources that vanished.</summary>
    public IReadOnlyList<TargetGroup> Refresh()
    {
        var result = new List<TargetGroup>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in ExpandFiles())
        {
            seen.Add(file);
            _groupsByFile.TryGetValue(file, out var previous);
            IReadOnlyList<TargetGroup> current;
            try
            {
                current = TargetFileParser.Parse(file, File.ReadAllText(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                logger.LogError("file_sd: keeping the last good targets of {File}: {Error}", file, e.Message);
                if (previous is not null) result.AddRange(previous);
                continue;
            }
            result.AddRange(current);
            // A file that now has fewer groups must clear the sources of the groups it lost.
            for (int i = current.Count; previous is not null && i < previous.Count; i++) result.Add(previous[i] with { Targets = [] });
            _groupsByFile[file] = current;
        }
        foreach (var gone in _groupsByFile.Keys.Where(f => !seen.Contains(f)).ToList())
        {
            foreach (var group in _groupsByFile[gone]) result.Add(group with { Targets = [] });
            _groupsByFile.Remove(gone);
        }
        return result;
    }

    private IEnumerable<string> ExpandFiles()
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in config.Files)
        {
            string directory = Path.GetDirectoryName(pattern) ?? ".";
            string name = Path.GetFileName(pattern);
            if (!Directory.Exists(directory)) continue;
            try
            {
                foreach (var file in Directory.EnumerateFiles(directory, name)) files.Add(Path.GetFullPath(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError("file_sd: cannot list {Directory}: {Error}", directory, e.Message);
            }
        }
        return files;
    }

    private List<FileSystemWatcher> StartWatchers()
    {
        var watchers = new List<FileSystemWatcher>();
        foreach (var directory in config.Files.Select(f => Path.GetDirectoryName(f) ?? ".").Distinct(StringComparer.Ordinal))
        {
            if (!Directory.Exists(directory))
            {
                logger.LogWarning("file_sd: directory {Directory} does not exist; relying on the refresh interval", directory);
                continue;
            }
            var watcher = new FileSystemWatcher(directory);
            watcher.Changed += (_, _) => Signal();
            watcher.Created += (_, _) => Signal();
            watcher.Deleted += (_, _) => Signal();
            watcher.Renamed += (_, _) => Signal();
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }
        return watchers;
    }

    private void Signal()
    {
        // Coalesce bursts of events (an editor writes, renames, touches) into one pending re-read.
        try
        {
            if (_changed.CurrentCount == 0) _changed.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }
}
