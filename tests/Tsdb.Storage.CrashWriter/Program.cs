using Tsdb.Storage;
using Tsdb.Storage.Wal;

// Usage: CrashWriter <data directory> <series count> <seconds before giving up>
// Reopens the storage, then appends one sample to every series per commit, at consecutive
// timestamps after the newest one stored, and prints "ack <timestamp>" once each commit returns.
// The value of series i at time t is CrashWorkload.ValueAt(i, t), so a verifier can recompute it.
var directory = args[0];
int seriesCount = int.Parse(args[1]);
// Bounded even if nobody kills it.
var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(int.Parse(args[2]));

using var head = Head.Open(new HeadOptions { Wal = new WalOptions(Path.Combine(directory, "wal")) { SyncPolicy = WalSyncPolicy.None } });
var labels = CrashWorkload.SeriesLabels(seriesCount);
var appender = head.Appender();
var refs = new SeriesRef[seriesCount];
long t = head.MaxTime == long.MinValue ? 0 : head.MaxTime;
var stdout = Console.Out;
stdout.WriteLine("ready");
stdout.Flush();
while (DateTime.UtcNow < deadline)
{
    t++;
    for (int i = 0; i < seriesCount; i++)
    {
        if (refs[i].IsNone) appender.Append(labels[i], t, CrashWorkload.ValueAt(i, t), out refs[i]);
        else appender.Append(refs[i], t, CrashWorkload.ValueAt(i, t));
    }
    var result = appender.Commit();
    if (result.Appended != seriesCount) throw new InvalidOperationException($"commit at {t} appended {result.Appended} of {seriesCount}");
    stdout.WriteLine($"ack {t}");
    stdout.Flush();
}
