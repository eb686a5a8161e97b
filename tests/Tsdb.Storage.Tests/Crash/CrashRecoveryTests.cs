using System.Diagnostics;
using Tsdb.Storage.Wal;

namespace Tsdb.Storage.Tests.Crash;

/// <summary>
/// Kills a writer process with SIGKILL at random moments while it commits without pause; after each kill
/// the store must open as it is and hold every sample whose commit was acknowledged.
/// </summary>
public class CrashRecoveryTests
{
    private const int Kills = 24;
    private const int SeriesCount = 40;

    [Fact]
    public void EveryAcknowledgedSampleSurvivesSigkill()
    {
        var directory = Directory.CreateTempSubdirectory("tsdb-crash-").FullName;
        try
        {
            var random = new Random(Environment.TickCount);
            long lastAcknowledged = 0;
            for (int kill = 0; kill < Kills; kill++)
            {
                lastAcknowledged = Math.Max(lastAcknowledged, RunWriterUntilKilled(directory, TimeSpan.FromMilliseconds(random.Next(20, 400))));
                VerifyAcknowledged(directory, lastAcknowledged, kill);
            }
            Assert.True(lastAcknowledged > Kills, $"the writer acknowledged only {lastAcknowledged} commits");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Starts the writer, lets it commit for a while, kills it, and returns the last timestamp it acknowledged.</summary>
    private static long RunWriterUntilKilled(string directory, TimeSpan runFor)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "Tsdb.Storage.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet", [writer, directory, SeriesCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "60"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        long last = 0;
        var ready = new ManualResetEventSlim();
        var reader = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (line == "ready") ready.Set();
                else if (line.StartsWith("ack ", StringComparison.Ordinal)) Volatile.Write(ref last, long.Parse(line.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();
        bool started = ready.Wait(TimeSpan.FromSeconds(60));
        if (!started || process.HasExited)
        {
            if (!process.HasExited) process.Kill();
            Assert.Fail($"the writer failed to reopen the store: {stderr.Result}");
        }
        Thread.Sleep(runFor);
        process.Kill(); // SIGKILL on Unix: no flush, no finaliser runs.
        process.WaitForExit();
        reader.Wait(TimeSpan.FromSeconds(10));
        return Volatile.Read(ref last);
    }

    private static void VerifyAcknowledged(string directory, long lastAcknowledged, int kill)
    {
        using var head = Head.Open(new HeadOptions { Wal = new WalOptions(Path.Combine(directory, "wal")) });
        using var querier = head.Querier(1, lastAcknowledged);
        var set = querier.Select(Matcher.Equal(Labels.MetricName, "crash_test_samples"));
        int series = 0;
        while (set.MoveNext())
        {
            int index = int.Parse(set.Current.Labels.Get("series"), System.Globalization.CultureInfo.InvariantCulture);
            var it = set.Current.Iterator();
            for (long t = 1; t <= lastAcknowledged; t++)
            {
                if (!it.Next() || it.Timestamp != t ||
                    BitConverter.DoubleToUInt64Bits(it.Value) != BitConverter.DoubleToUInt64Bits(CrashWorkload.ValueAt(index, t)))
                    Assert.Fail($"after kill {kill}: series {index} lost or changed sample {t} of {lastAcknowledged} acknowledged");
            }
            series++;
        }
        Assert.Equal(SeriesCount, series);
    }
}
