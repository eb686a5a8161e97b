using Microsoft.Extensions.Logging;
using Tsdb.Storage.Wal;

namespace Tsdb.Storage.Tests.Wal;

public class WalTornTailTests
{
    private static readonly byte[][] Records =
        Enumerable.Range(0, 12).Select(i => WalTestDirectory.Record(i, 5 + i * 13 % 70)).ToArray();

    [Fact]
    public void A_cut_at_every_byte_of_the_last_records_keeps_exactly_the_complete_ones()
    {
        using var dir = new WalTestDirectory();
        var options = dir.Options();
        WalTestDirectory.Write(options, Records);
        var original = File.ReadAllBytes(dir.Segment(0));
        var frameEnds = WalTestDirectory.FrameOffsets(dir.Segment(0));
        var extra = WalTestDirectory.Record(1000, 33);

        for (long cut = frameEnds[Records.Length - 3]; cut < original.Length; cut++)
        {
            foreach (var file in dir.SegmentFiles()) File.Delete(file);
            File.WriteAllBytes(dir.Segment(0), original.AsSpan(0, (int)cut).ToArray());
            int complete = frameEnds.Count(end => end > 0 && end <= cut);
            long repairedLength = frameEnds[complete];
            bool torn = repairedLength != cut;

            var logger = new CapturingLogger();
            var replayed = new List<byte[]>();
            using (var wal = WalTestDirectory.Open(options, replayed, logger))
            {
                Assert.Equal(Records.Take(complete), replayed);
                Assert.Equal(repairedLength, new FileInfo(dir.Segment(0)).Length);
                Assert.Equal(torn, wal.ReplayStats.Corruption is not null);
                if (torn)
                {
                    Assert.Equal(repairedLength, wal.ReplayStats.Corruption!.Offset);
                    var warning = Assert.Single(logger.At(LogLevel.Warning));
                    Assert.Contains(dir.Segment(0), warning);
                    Assert.Contains($"byte offset {repairedLength}", warning);
                }
                wal.Log(extra);
            }

            var (afterAppend, stats) = WalTestDirectory.Replay(options);
            Assert.Equal(Records.Take(complete).Append(extra), afterAppend);
            Assert.Null(stats.Corruption);
        }
    }

    [Fact]
    public void A_zero_filled_tail_is_cut_off()
    {
        using var dir = new WalTestDirectory();
        WalTestDirectory.Write(dir.Options(), Records);
        long length = new FileInfo(dir.Segment(0)).Length;
        using (var stream = new FileStream(dir.Segment(0), FileMode.Append))
            stream.Write(new byte[4096]);

        var logger = new CapturingLogger();
        var (replayed, stats) = WalTestDirectory.Replay(dir.Options(), logger);

        Assert.Equal(Records, replayed);
        Assert.Equal(new WalCorruption(dir.Segment(0), length, WalCorruptionReason.ZeroLength, stats.Corruption!.Detail), stats.Corruption);
        Assert.Equal(length, new FileInfo(dir.Segment(0)).Length);
        Assert.Contains($"byte offset {length}", Assert.Single(logger.At(LogLevel.Warning)));
    }

    [Fact]
    public void A_random_garbage_tail_is_cut_off()
    {
        var random = new Random(42);
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var dir = new WalTestDirectory();
            WalTestDirectory.Write(dir.Options(), Records);
            long length = new FileInfo(dir.Segment(0)).Length;
            var garbage = new byte[random.Next(1, 300)];
            random.NextBytes(garbage);
            using (var stream = new FileStream(dir.Segment(0), FileMode.Append))
                stream.Write(garbage);

            var (replayed, stats) = WalTestDirectory.Replay(dir.Options());

            Assert.Equal(Records, replayed);
            Assert.Equal(length, stats.Corruption!.Offset);
            Assert.Equal(length, new FileInfo(dir.Segment(0)).Length);
        }
    }

    [Fact]
    public void A_flipped_bit_in_a_middle_record_cuts_its_segment_there_and_drops_later_segments()
    {
        using var dir = new WalTestDirectory();
        var options = dir.Options(segmentSize: 256);
        var records = Enumerable.Range(0, 40).Select(i => WalTestDirectory.Record(i, 30)).ToArray();
        WalTestDirectory.Write(options, records);
        var segments = dir.SegmentFiles();
        Assert.True(segments.Length >= 4, $"expected at least 4 segments, got {segments.Length}");

        // damage the second record of the second segment
        var offsets = WalTestDirectory.FrameOffsets(segments[1]);
        int recordsBefore = WalTestDirectory.FrameOffsets(segments[0]).Count - 1 + 1; // all of segment 0, one of segment 1
        long damaged = offsets[1];
        var bytes = File.ReadAllBytes(segments[1]);
        bytes[damaged + WalFrame.HeaderSize + 5] ^= 0x10;
        File.WriteAllBytes(segments[1], bytes);

        var logger = new CapturingLogger();
        var (replayed, stats) = WalTestDirectory.Replay(options, logger);

        Assert.Equal(records.Take(recordsBefore), replayed);
        Assert.Equal(WalCorruptionReason.ChecksumMismatch, stats.Corruption!.Reason);
        Assert.Equal(segments[1], stats.Corruption.SegmentPath);
        Assert.Equal(damaged, stats.Corruption.Offset);
        Assert.Equal(segments.Length - 2, stats.SegmentsDeleted);
        Assert.Equal(damaged, new FileInfo(segments[1]).Length);
        Assert.Equal(0, new FileInfo(segments[2]).Length); // deleted, then created again as the new append target
        Assert.All(segments.Skip(3), s => Assert.False(File.Exists(s)));
        var warning = Assert.Single(logger.At(LogLevel.Warning));
        Assert.Contains(segments[1], warning);
        Assert.Contains($"byte offset {damaged}", warning);
        Assert.Contains($"deleted {segments.Length - 2} later segment(s)", warning);
    }

    [Theory]
    [InlineData(0xFFFF_FFF0u, WalCorruptionReason.AbsurdLength)]
    [InlineData(1_000_000u, WalCorruptionReason.TruncatedPayload)]
    [InlineData(0u, WalCorruptionReason.ZeroLength)]
    public void A_bad_length_field_in_a_middle_record_ends_the_replay_there(uint length, WalCorruptionReason reason)
    {
        using var dir = new WalTestDirectory();
        WalTestDirectory.Write(dir.Options(), Records);
        var offsets = WalTestDirectory.FrameOffsets(dir.Segment(0));
        var bytes = File.ReadAllBytes(dir.Segment(0));
        BitConverter.TryWriteBytes(bytes.AsSpan((int)offsets[5]), length);
        File.WriteAllBytes(dir.Segment(0), bytes);

        var (replayed, stats) = WalTestDirectory.Replay(dir.Options());

        Assert.Equal(Records.Take(5), replayed);
        Assert.Equal(reason, stats.Corruption!.Reason);
        Assert.Equal(offsets[5], stats.Corruption.Offset);
        Assert.Equal(offsets[5], new FileInfo(dir.Segment(0)).Length);
    }

    [Fact]
    public void A_segment_torn_inside_its_first_record_is_emptied_and_appended_to_again()
    {
        using var dir = new WalTestDirectory();
        WalTestDirectory.Write(dir.Options(), [Records[0]]);
        var bytes = File.ReadAllBytes(dir.Segment(0));
        File.WriteAllBytes(dir.Segment(0), bytes.AsSpan(0, 3).ToArray());

        using (var wal = WalTestDirectory.Open(dir.Options(), []))
        {
            Assert.Equal(WalCorruptionReason.TruncatedHeader, wal.ReplayStats.Corruption!.Reason);
            Assert.Equal(0, wal.CurrentSegment);
            wal.Log(Records[1]);
        }

        Assert.Equal([dir.Segment(0)], dir.SegmentFiles());
        Assert.Equal([Records[1]], WalTestDirectory.Replay(dir.Options()).Records);
    }
}
