using Tsdb.Storage.Wal;

namespace Tsdb.Storage.Tests.Wal;

public class WriteAheadLogTests
{
    [Fact]
    public void An_empty_directory_opens_with_nothing_to_replay()
    {
        using var dir = new WalTestDirectory();
        var (records, stats) = WalTestDirectory.Replay(dir.Options());
        Assert.Empty(records);
        Assert.Equal(new WalReplayStats(0, 0, 0, null, 0), stats);
    }

    [Fact]
    public void Records_survive_a_reopen_and_appending_continues_in_a_new_segment()
    {
        using var dir = new WalTestDirectory();
        var first = Enumerable.Range(0, 10).Select(i => WalTestDirectory.Record(i, 50)).ToArray();
        var second = Enumerable.Range(10, 5).Select(i => WalTestDirectory.Record(i, 50)).ToArray();
        WalTestDirectory.Write(dir.Options(), first);

        var replayed = new List<byte[]>();
        using (var wal = WalTestDirectory.Open(dir.Options(), replayed))
        {
            Assert.Equal(first, replayed);
            Assert.Equal(new WalReplayStats(1, 10, 10 * (WalFrame.HeaderSize + 50), null, 0), wal.ReplayStats);
            Assert.Equal(1, wal.CurrentSegment);
            foreach (var r in second) wal.Log(r);
        }

        Assert.Equal(first.Concat(second), WalTestDirectory.Replay(dir.Options()).Records);
        Assert.Equal([dir.Segment(0), dir.Segment(1), dir.Segment(2)], dir.SegmentFiles());
    }

    [Fact]
    public void Segments_roll_over_without_splitting_records_and_replay_in_order()
    {
        using var dir = new WalTestDirectory();
        const int segmentSize = 1024;
        var random = new Random(3);
        var records = Enumerable.Range(0, 500).Select(i => WalTestDirectory.Record(i, random.Next(1, 200))).ToArray();
        var options = dir.Options(segmentSize);
        using (var wal = WalTestDirectory.Open(options, []))
        {
            for (int i = 0; i < records.Length; i++)
            {
                wal.Log(records[i]);
                if (i % 7 == 0) wal.Flush();
            }
        }

        var segments = dir.SegmentFiles();
        Assert.True(segments.Length > 10, $"expected many segments, got {segments.Length}");
        for (int i = 0; i < segments.Length; i++)
        {
            Assert.Equal(WalSegments.Name(i), Path.GetFileName(segments[i]));
            Assert.InRange(new FileInfo(segments[i]).Length, 1, segmentSize);
            // a segment is only cut when the next record would not fit
            if (i + 1 < segments.Length)
            {
                var nextFirst = WalTestDirectory.FrameOffsets(segments[i + 1])[1];
                Assert.True(new FileInfo(segments[i]).Length + nextFirst > segmentSize);
            }
        }
        var (replayed, stats) = WalTestDirectory.Replay(options);
        Assert.Equal(records, replayed);
        Assert.Equal(segments.Length, stats.SegmentsRead);
    }

    [Fact]
    public void A_record_larger_than_a_segment_gets_a_segment_of_its_own()
    {
        using var dir = new WalTestDirectory();
        var records = new[] { WalTestDirectory.Record(0, 10), WalTestDirectory.Record(1, 500), WalTestDirectory.Record(2, 10) };
        WalTestDirectory.Write(dir.Options(segmentSize: 100), records);

        Assert.Equal(3, dir.SegmentFiles().Length);
        Assert.Equal(WalFrame.HeaderSize + 500, new FileInfo(dir.Segment(1)).Length);
        Assert.Equal(records, WalTestDirectory.Replay(dir.Options(segmentSize: 100)).Records);
    }

    [Fact]
    public void Concurrent_writers_each_record_lands_exactly_once_and_intact()
    {
        using var dir = new WalTestDirectory();
        const int threads = 4, perThread = 400;
        var options = dir.Options(segmentSize: 4096, policy: WalSyncPolicy.Interval);
        using (var wal = WalTestDirectory.Open(options, []))
        {
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                for (int i = 0; i < perThread; i++)
                {
                    wal.Log(WalTestDirectory.Record(t * perThread + i, 8 + (t * 7 + i) % 90));
                    if (i % (t + 1) == 0) wal.Flush();
                }
                wal.Flush();
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
        }

        var (replayed, stats) = WalTestDirectory.Replay(options);
        Assert.Null(stats.Corruption);
        Assert.True(stats.SegmentsRead > 1);
        Assert.Equal(threads * perThread, replayed.Count);
        var lastSeen = new int[threads];
        Array.Fill(lastSeen, -1);
        foreach (var record in replayed)
        {
            int index = BitConverter.ToInt32(record);
            int thread = index / perThread, i = index % perThread;
            Assert.Equal(WalTestDirectory.Record(index, 8 + (thread * 7 + i) % 90), record);
            Assert.True(i > lastSeen[thread], $"record {i} of thread {thread} came after {lastSeen[thread]}");
            lastSeen[thread] = i;
        }
        Assert.All(lastSeen, last => Assert.Equal(perThread - 1, last));
    }

    // Only the write path of each policy can be checked here: whether an fsync really reached the disk would
    // take pulling the power, so durability against power loss is not unit tested.
    [Theory]
    [InlineData(WalSyncPolicy.Always)]
    [InlineData(WalSyncPolicy.Interval)]
    [InlineData(WalSyncPolicy.None)]
    public void Every_sync_policy_writes_and_replays(WalSyncPolicy policy)
    {
        using var dir = new WalTestDirectory();
        var options = dir.Options(segmentSize: 512, policy);
        var records = Enumerable.Range(0, 60).Select(i => WalTestDirectory.Record(i, 40)).ToArray();
        using (var wal = WalTestDirectory.Open(options, []))
        {
            foreach (var r in records.Take(30))
            {
                wal.Log(r);
                wal.Flush();
            }
            Thread.Sleep(20); // let the interval timer fire at least once
        }
        using (var wal = WalTestDirectory.Open(options, []))
        {
            foreach (var r in records.Skip(30)) wal.Log(r);
        }
        Assert.Equal(records, WalTestDirectory.Replay(options).Records);
    }

    [Fact]
    public void A_flushed_record_is_in_the_file_before_the_log_is_closed()
    {
        // What a killed process leaves behind: the files as they are while the log is still open.
        using var dir = new WalTestDirectory();
        using var copy = new WalTestDirectory();
        var records = Enumerable.Range(0, 20).Select(i => WalTestDirectory.Record(i, 25)).ToArray();
        using (var wal = WalTestDirectory.Open(dir.Options(segmentSize: 200), []))
        {
            foreach (var r in records) wal.Log(r);
            wal.Flush();
            wal.Log(WalTestDirectory.Record(99, 25)); // logged but not flushed: may be lost
            foreach (var file in dir.SegmentFiles())
                File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }
        Assert.Equal(records, WalTestDirectory.Replay(copy.Options(segmentSize: 200)).Records);
    }

    [Fact]
    public void Logging_and_flushing_do_not_allocate_once_the_buffers_have_grown()
    {
        using var dir = new WalTestDirectory();
        using var wal = WalTestDirectory.Open(dir.Options(segmentSize: 1 << 20), []);
        var record = WalTestDirectory.Record(1, 120);
        void Batch()
        {
            for (int i = 0; i < 100; i++) wal.Log(record);
            wal.Flush();
        }
        Batch();
        Batch();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Batch();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Misuse_is_refused_with_a_reason()
    {
        using var dir = new WalTestDirectory();
        var wal = WalTestDirectory.Open(dir.Options(), []);
        Assert.Contains("must not be empty", Assert.Throws<ArgumentException>(() => wal.Log([])).Message);
        wal.Dispose();
        wal.Dispose();
        Assert.Throws<ObjectDisposedException>(() => wal.Log([1]));
        Assert.Throws<ObjectDisposedException>(() => wal.Flush());
        Assert.Throws<ArgumentException>(() => WalTestDirectory.Open(dir.Options(segmentSize: WalFrame.HeaderSize), []));
    }

    [Fact]
    public void A_gap_in_the_segment_sequence_is_refused()
    {
        using var dir = new WalTestDirectory();
        WalTestDirectory.Write(dir.Options(segmentSize: 64), Enumerable.Range(0, 6).Select(i => WalTestDirectory.Record(i, 40)));
        File.Delete(dir.Segment(2));
        var e = Assert.Throws<WalCorruptionException>(() => WalTestDirectory.Replay(dir.Options()));
        Assert.Contains("00000001 is followed by 00000003", e.Message);
    }

    [Fact]
    public void Files_that_are_not_segments_are_left_alone()
    {
        using var dir = new WalTestDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "checkpoint.00000005"), "x");
        File.WriteAllText(Path.Combine(dir.Path, "1234567"), "x");
        WalTestDirectory.Write(dir.Options(), [WalTestDirectory.Record(0, 9)]);
        Assert.Equal([WalTestDirectory.Record(0, 9)], WalTestDirectory.Replay(dir.Options()).Records);
        Assert.True(File.Exists(Path.Combine(dir.Path, "1234567")));
    }
}
