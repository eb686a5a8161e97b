using System.Buffers.Binary;
using Tsdb.Storage.Chunks;
using static Tsdb.Storage.Tests.Chunks.ChunkTestHelpers;

namespace Tsdb.Storage.Tests.Chunks;

public class XorChunkTests
{
    private static double FromBits(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    [Fact]
    public void An_empty_chunk_has_a_zero_count_header_and_no_samples()
    {
        var chunk = new XorChunk();

        Assert.Equal(0, chunk.Count);
        Assert.Equal(new byte[] { 0, 0 }, chunk.Bytes.ToArray());
        Assert.Equal(2, chunk.ByteSize);
        var iterator = chunk.Iterator();
        Assert.False(iterator.Seek(long.MinValue));
        Assert.False(iterator.Next());
        Assert.Empty(ReadAll(XorChunk.Iterator(chunk.Bytes.ToArray())));
        Assert.False(default(XorIterator).Next());
    }

    [Fact]
    public void The_staleness_marker_keeps_its_exact_NaN_bits()
    {
        Sample[] samples =
        [
            new(1_000, SampleGenerators.StaleMarkerBits),
            new(16_000, BitConverter.DoubleToUInt64Bits(42.5)),
            new(31_000, SampleGenerators.StaleMarkerBits),
            new(46_000, BitConverter.DoubleToUInt64Bits(double.NaN)),
            new(61_000, SampleGenerators.StaleMarkerBits),
        ];

        var chunk = Encode(samples);

        Assert.Equal(samples, ReadAll(chunk.Iterator()));
        Assert.Equal(samples, ReadAll(XorChunk.Iterator(chunk.Bytes.ToArray())));
    }

    [Fact]
    public void A_full_chunk_of_regular_scrapes_is_compact_and_complete()
    {
        const long start = 1_700_000_000_000;
        var samples = Enumerable.Range(0, XorChunk.TargetSamples)
            .Select(i => new Sample(start + i * 15_000L, BitConverter.DoubleToUInt64Bits(1000 + (i / 10))))
            .ToArray();

        var chunk = Encode(samples);
        chunk.Trim();

        Assert.Equal(XorChunk.TargetSamples, chunk.Count);
        Assert.Equal(start, chunk.MinTime);
        Assert.Equal(start + 119 * 15_000L, chunk.MaxTime);
        Assert.Equal(XorChunk.TargetSamples, BinaryPrimitives.ReadUInt16BigEndian(chunk.Bytes));
        Assert.Equal(samples, ReadAll(chunk.Iterator()));
        // Regular timestamps cost one bit each after the second; a value that rarely changes about one bit more.
        Assert.True(chunk.ByteSize < 80, $"{chunk.ByteSize} bytes");
    }

    [Fact]
    public void Appending_after_trim_keeps_earlier_samples()
    {
        var chunk = Encode([new(10, 1), new(20, 2)]);
        chunk.Trim();
        chunk.Append(30, FromBits(3));

        Assert.Equal([new(10, 1), new(20, 2), new(30, 3)], ReadAll(chunk.Iterator()));
    }

    [Theory]
    [InlineData(long.MinValue, long.MaxValue)]
    [InlineData(long.MaxValue, long.MinValue)]
    [InlineData(0, long.MinValue)]
    public void Timestamps_at_the_ends_of_int64_round_trip(long first, long second)
    {
        Sample[] samples = [new(first, 1), new(second, 2), new(first, 3), new(second, 4)];

        Assert.Equal(samples, ReadAll(Encode(samples).Iterator()));
    }

    [Fact]
    public void The_layout_matches_the_documented_format()
    {
        var chunk = Encode([new(1, BitConverter.DoubleToUInt64Bits(1.0)), new(2, BitConverter.DoubleToUInt64Bits(1.0)), new(3, BitConverter.DoubleToUInt64Bits(1.0))]);

        byte[] expected =
        [
            0x00, 0x03, // sample count
            0x02, // first timestamp 1, zigzag varint
            0x3F, 0xF0, 0, 0, 0, 0, 0, 0, // first value 1.0
            0x02, // first delta 1, zigzag varint
            0b000_00000, // '0' same value, '0' same delta, '0' same value
        ];
        Assert.Equal(expected, chunk.Bytes.ToArray());
    }

    [Fact]
    public void Seek_works_through_the_interface_and_never_moves_back()
    {
        ISampleIterator iterator = Encode([new(10, 1), new(20, 2), new(30, 3)]).Iterator();

        Assert.True(iterator.Seek(15));
        Assert.Equal(20, iterator.Timestamp);
        Assert.True(iterator.Seek(5));
        Assert.Equal(20, iterator.Timestamp);
        Assert.True(iterator.Next());
        Assert.Equal(30, iterator.Timestamp);
        Assert.False(iterator.Seek(31));
        Assert.False(iterator.Seek(0));
    }

    [Fact]
    public void A_chunk_refuses_more_samples_than_its_header_can_count()
    {
        var chunk = new XorChunk();
        for (int i = 0; i < XorChunk.MaxSamples; i++)
        {
            chunk.Append(i, 0);
        }

        var error = Assert.Throws<InvalidOperationException>(() => chunk.Append(XorChunk.MaxSamples, 0));
        Assert.Contains("65535", error.Message);
        Assert.Equal(XorChunk.MaxSamples, ReadAll(chunk.Iterator()).Count);
    }

    [Fact]
    public void Too_short_encoded_bytes_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => XorChunk.Iterator([0x01]));
        Assert.Contains("sample count", error.Message);
    }

    [Fact]
    public void Truncated_encoded_bytes_are_reported_with_the_sample_they_end_in()
    {
        var bytes = Encode([new(1, 0x1234), new(2, 0xFFFF_0000_0000_0001), new(3, 5)]).Bytes.ToArray();
        var iterator = XorChunk.Iterator(bytes[..^1]);

        Assert.True(iterator.Next());
        Assert.True(iterator.Next());
        var error = Assert.Throws<InvalidDataException>(() => iterator.Next());
        Assert.Contains("sample 2", error.Message);
    }

    [Fact]
    public void Truncated_encoded_bytes_read_in_a_batch_are_reported_with_the_sample_they_end_in()
    {
        var bytes = Encode([new(1, 0x1234), new(2, 0xFFFF_0000_0000_0001), new(3, 5), new(4, 0x7777_0000_0000_0001)]).Bytes.ToArray();
        var iterator = XorChunk.Iterator(bytes[..^1]);

        var error = Assert.Throws<InvalidDataException>(() => iterator.NextBatch(new Point[8]));
        Assert.Contains("sample 3", error.Message);
    }

    [Fact]
    public void A_value_window_wider_than_64_bits_is_reported_as_corrupt()
    {
        byte[] bytes =
        [
            0x00, 0x02, // two samples
            0x00, 0, 0, 0, 0, 0, 0, 0, 0, // timestamp 0, value 0.0
            0x00, // delta 0
            0xFF, 0xF8, // '11', 31 leading zeros, 63 significant bits: 94 bits in all
            0, 0, 0, 0, 0, 0, 0, 0,
        ];
        var iterator = XorChunk.Iterator(bytes);

        Assert.True(iterator.Next());
        var error = Assert.Throws<InvalidDataException>(() => iterator.Next());
        Assert.Contains("value window", error.Message);
    }

    [Fact]
    public async Task Readers_iterating_during_appends_see_consistent_prefixes()
    {
        var random = new Random(7);
        var expected = Enumerable.Range(0, 60_000)
            .Select(i => new Sample(i * 15_000L + random.Next(-5, 5), (ulong)random.NextInt64()))
            .ToArray();
        var chunk = new XorChunk();
        using var started = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        int snapshots = 0;
        bool consistent = true;

        var reader = Task.Run(() =>
        {
            started.Set();
            do
            {
                var seen = ReadAll(chunk.Iterator());
                consistent &= seen.SequenceEqual(expected.Take(seen.Count));
                snapshots++;
            }
            while (!done.IsSet);
        });
        started.Wait();
        for (int i = 0; i < expected.Length; i++)
        {
            chunk.Append(expected[i].Timestamp, FromBits(expected[i].ValueBits));
            if (i % 1_000 == 0)
            {
                // Gives the reader a chance to run mid-chunk even on a busy machine.
                Thread.Yield();
            }
        }

        done.Set();
        await reader;

        Assert.True(consistent);
        Assert.True(snapshots > 0);
        Assert.Equal(expected, ReadAll(chunk.Iterator()));
    }
}
