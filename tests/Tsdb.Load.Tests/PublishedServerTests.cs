using Tsdb.Load.Compare;
using Tsdb.Load.Queries;
using Tsdb.Load.ScrapeCompare;
using Tsdb.Load.Sending;
using Tsdb.Load.Systems;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Tests;

/// <summary>
/// The comparisons measure the server as <c>dotnet publish</c> makes it: self-contained and trimmed. Trimming keeps
/// only the code it sees used, so this runs the published executable through what the comparisons ask of it (scraping,
/// remote write, counting and dashboard queries, shutting down) and checks every answer.
/// </summary>
public class PublishedServerTests
{
    [Fact]
    public async Task ThePublishedServerIsTrimmedAndScrapesIngestsAndAnswersQueries()
    {
        var directory = Directory.CreateTempSubdirectory("tsdb-published-");
        var configDirectory = Directory.CreateTempSubdirectory("tsdb-published-config-");
        try
        {
            string executable = PublishedServer.Publish(directory.FullName);
            long sharedCoreLib = new FileInfo(typeof(object).Assembly.Location).Length;
            long publishedCoreLib = new FileInfo(Path.Combine(directory.FullName, "System.Private.CoreLib.dll")).Length;
            Assert.True(publishedCoreLib < sharedCoreLib / 2, $"published System.Private.CoreLib.dll has {publishedCoreLib} bytes, the shared one {sharedCoreLib}: not trimmed");

            await using var fleet = await ExporterFleet.StartAsync(targets: 2, seriesPerTarget: 50, CancellationToken.None);
            string config = ScrapeConfigFile.Write(configDirectory.FullName, fleet.Targets, TimeSpan.FromSeconds(1));
            using var http = new HttpClient();
            await using var server = new OurServer(core: 0, executable) { ScrapeConfigFile = config };
            await server.StartAsync(http, CancellationToken.None);
            using var api = new PromApiClient(server.BaseAddress);

            var workload = new WriteWorkload("published", 2_000, 20, 2000, 2);
            var encoded = RequestEncoder.Encode(workload, BlockAlignedEnd.Before(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), workload.IntervalSeconds));
            using (var sender = new RoundSender(server.WriteUrl, encoded))
            {
                for (int round = 0; round < encoded.RequestsPerRound.Count; round++) await sender.SendRoundAsync(round, CancellationToken.None);
                Assert.Equal(0, sender.Result.FailedRequests);
            }
            var stored = await StoredCounts.QueryAsync(api, encoded, CancellationToken.None);
            Assert.True(stored.Matches(encoded), $"stored {stored}, sent {encoded.Samples:N0} samples");

            foreach (var query in DashboardQuery.Overview.Where(q => q.Expression.Contains("rate(", StringComparison.Ordinal)))
            {
                int series = await api.RangeSeriesCountAsync(query.Expression, encoded.StartMs, encoded.EndMs, TimeSpan.FromSeconds(60), CancellationToken.None);
                Assert.True(series > 0, $"{query.Name} answered no series");
            }

            string up = $"up{{job=\"{ScrapeConfigFile.JobName}\"}}";
            double scrapedUp = 0;
            for (var waited = TimeSpan.Zero; scrapedUp < 2 && waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(500))
            {
                await Task.Delay(500);
                scrapedUp = await api.InstantSumAsync($"sum({up})", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
            }
            Assert.Equal(2, scrapedUp);

            await server.StopAsync();
            Assert.Equal(0, server.ExitCode);
        }
        finally
        {
            directory.Delete(recursive: true);
            configDirectory.Delete(recursive: true);
        }
    }
}
