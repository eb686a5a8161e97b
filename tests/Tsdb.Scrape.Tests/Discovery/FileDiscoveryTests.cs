using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Scrape.Configuration;
using Tsdb.Scrape.Discovery;

namespace Tsdb.Scrape.Tests.Discovery;

public class FileDiscoveryTests
{
    [Fact]
    public void Reads_updates_and_keeps_last_good_targets_of_a_broken_file()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var file = Path.Combine(dir.FullName, "t.json");
            File.WriteAllText(file, """[{"targets": ["a:1", "b:1"], "labels": {"env": "prod"}}]""");
            var sd = new FileDiscovery(new FileSdConfig([Path.Combine(dir.FullName, "*.json")], TimeSpan.FromMinutes(5)), NullLogger.Instance);

            var groups = sd.Refresh();
            var group = Assert.Single(groups);
            Assert.Equal($"{file}:0", group.Source);
            Assert.Equal(["a:1", "b:1"], group.Targets.Select(t => t.Get("__address__")));
            Assert.All(group.Targets, t => Assert.Equal(file, t.Get("__meta_filepath")));
            Assert.All(group.Targets, t => Assert.Equal("prod", t.Get("env")));

            File.WriteAllText(file, """[{"targets": ["c:1"]}]""");
            Assert.Equal(["c:1"], Assert.Single(sd.Refresh()).Targets.Select(t => t.Get("__address__")));

            File.WriteAllText(file, "[{not json");
            Assert.Equal(["c:1"], Assert.Single(sd.Refresh()).Targets.Select(t => t.Get("__address__")));

            File.Delete(file);
            Assert.Empty(Assert.Single(sd.Refresh()).Targets);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public async Task Manager_publishes_static_and_watched_file_changes()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var file = Path.Combine(dir.FullName, "t.yml");
            File.WriteAllText(file, "- targets: ['a:1']\n");
            var config = ConfigLoader.Load($"""
                scrape_configs:
                  - job_name: j
                    static_configs: [{"{"}targets: ['s:1']{"}"}]
                    file_sd_configs: [{"{"}files: ['{dir.FullName}/*.yml']{"}"}]
                """, "p.yml");
            var manager = new DiscoveryManager(config.ScrapeConfigs, NullLogger.Instance);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var run = manager.RunAsync(cts.Token);

            async Task<string[]> WaitFor(int count)
            {
                while (true)
                {
                    var update = await manager.Updates.ReadAsync(cts.Token);
                    var addresses = update.Groups.SelectMany(g => g.Targets).Select(t => t.Get("__address__")).Order().ToArray();
                    if (addresses.Length == count) return addresses;
                }
            }

            Assert.Equal(["a:1", "s:1"], await WaitFor(2));
            File.WriteAllText(file, "- targets: ['a:1', 'b:1']\n");
            Assert.Equal(["a:1", "b:1", "s:1"], await WaitFor(3));
            cts.Cancel();
            await run;
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
