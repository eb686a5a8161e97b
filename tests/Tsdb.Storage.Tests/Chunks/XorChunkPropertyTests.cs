using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Tsdb.Storage.Chunks;
using static Tsdb.Storage.Tests.Chunks.ChunkTestHelpers;

namespace Tsdb.Storage.Tests.Chunks;

public class XorChunkPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Every_timestamp_and_value_bit_pattern_round_trips()
    {
        Check.One(Config, Prop.ForAll(Arb.From(SampleGenerators.Samples), samples =>
        {
            var chunk = Encode(samples);
            var fromBytes = ReadAll(XorChunk.Iterator(chunk.Bytes.ToArray()));
            bool metadataRight = chunk.Count == samples.Length
                && chunk.ByteSize == chunk.Bytes.Length
                && (samples.Length == 0
                    || (chunk.MinTime == samples[0].Timestamp && chunk.MaxTime == samples[^1].Timestamp));
            chunk.Trim();
            var afterTrim = ReadAll(chunk.Iterator());
            return metadataRight && fromBytes.SequenceEqual(samples) && afterTrim.SequenceEqual(samples);
        }));
    }

    [Fact]
    public void An_iterator_yields_exactly_the_samples_present_when_it_was_taken()
    {
        var gen = SampleGenerators.Samples.SelectMany(
            samples => Gen.Choose(0, samples.Length),
            (samples, taken) => (samples, taken));
        Check.One(Config, Prop.ForAll(Arb.From(gen), input =>
        {
            var (samples, taken) = input;
            var chunk = Encode(samples.Take(taken));
            var snapshot = chunk.Iterator();
            var bytesSnapshot = chunk.Bytes.ToArray();
            foreach (var sample in samples.Skip(taken))
            {
                chunk.Append(sample.Timestamp, BitConverter.UInt64BitsToDouble(sample.ValueBits));
            }

            chunk.Trim();
            var expected = samples.Take(taken).ToList();
            return ReadAll(snapshot).SequenceEqual(expected)
                && ReadAll(XorChunk.Iterator(bytesSnapshot)).SequenceEqual(expected)
                && ReadAll(chunk.Iterator()).SequenceEqual(samples);
        }));
    }

    [Fact]
    public void Arbitrary_bytes_decode_or_fail_with_invalid_data_only()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Where(b => b.Length >= 2);
        Check.One(Config, Prop.ForAll(Arb.From(bytes), encoded =>
        {
            var iterator = XorChunk.Iterator(encoded);
            try
            {
                int samples = 0;
                while (iterator.Next())
                {
                    samples++;
                }

                return samples == BinaryPrimitives.ReadUInt16BigEndian(encoded);
            }
            catch (InvalidDataException)
            {
                return true;
            }
        }));
    }

    [Fact]
    public void Batches_of_any_sizes_yield_what_next_yields()
    {
        var gen = SampleGenerators.Samples.Zip(Gen.Choose(1, 130).ArrayOf().Where(sizes => sizes.Length > 0));
        Check.One(Config, Prop.ForAll(Arb.From(gen), input =>
        {
            var (samples, batchSizes) = input;
            var iterator = Encode(samples).Iterator();
            var read = new List<Sample>();
            for (int call = 0; ; call++)
            {
                int size = batchSizes[call % batchSizes.Length];
                var points = new Point[size];
                int n = iterator.NextBatch(points);
                for (int i = 0; i < n; i++)
                {
                    read.Add(new Sample(points[i].T, BitConverter.DoubleToUInt64Bits(points[i].F)));
                }

                if (n < size)
                {
                    break;
                }
            }

            return read.SequenceEqual(samples) && !iterator.Next() && iterator.NextBatch(new Point[4]) == 0;
        }));
    }

    [Fact]
    public void Arbitrary_bytes_decode_in_batches_or_fail_with_invalid_data_only()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Where(b => b.Length >= 2);
        Check.One(Config, Prop.ForAll(Arb.From(bytes), encoded =>
        {
            var iterator = XorChunk.Iterator(encoded);
            var points = new Point[7];
            try
            {
                int samples = 0, n;
                while ((n = iterator.NextBatch(points)) > 0)
                {
                    samples += n;
                }

                return samples == BinaryPrimitives.ReadUInt16BigEndian(encoded);
            }
            catch (InvalidDataException)
            {
                return true;
            }
        }));
    }

    [Fact]
    public void Seek_and_next_agree_with_a_list_model()
    {
        var operation = Gen.Frequency(
            (2, Gen.Constant(new Operation(OperationKind.Next, 0, 0))),
            (3, Gen.Choose(0, 1000).Zip(Gen.Choose(-1, 1))
                .Select(p => new Operation(OperationKind.SeekNearSample, p.Item1, p.Item2))),
            (1, SampleGenerators.AnyBits.Select(b => new Operation(OperationKind.SeekAnywhere, 0, (long)b))));
        var gen = SampleGenerators.SortedSamples.Zip(operation.ArrayOf());
        Check.One(Config, Prop.ForAll(Arb.From(gen), input =>
        {
            var (samples, operations) = input;
            var iterator = Encode(samples).Iterator();
            var model = new ListIteratorModel(samples);
            foreach (var op in operations)
            {
                bool actual, expected;
                if (op.Kind == OperationKind.Next)
                {
                    actual = iterator.Next();
                    expected = model.Next();
                }
                else
                {
                    long target = op.Target(samples);
                    actual = iterator.Seek(target);
                    expected = model.Seek(target);
                }

                if (actual != expected
                    || (actual && new Sample(iterator.Timestamp, BitConverter.DoubleToUInt64Bits(iterator.Value)) != model.Current))
                {
                    return false;
                }
            }

            return true;
        }));
    }

    private enum OperationKind { Next, SeekNearSample, SeekAnywhere }

    /// <summary>Next, or Seek to one off a sample's timestamp (sample index modulo count), or to any time.</summary>
    private readonly record struct Operation(OperationKind Kind, int SampleIndex, long Offset)
    {
        public long Target(Sample[] samples) => Kind switch
        {
            OperationKind.SeekNearSample when samples.Length > 0 =>
                unchecked(samples[SampleIndex % samples.Length].Timestamp + Offset),
            _ => Offset,
        };
    }

    /// <summary>The iterator contract over a plain array.</summary>
    private sealed class ListIteratorModel(Sample[] samples)
    {
        private int _index = -1;
        private bool _exhausted;

        public Sample Current => samples[_index];

        public bool Next()
        {
            if (_exhausted || _index + 1 >= samples.Length)
            {
                _exhausted = true;
                return false;
            }

            _index++;
            return true;
        }

        public bool Seek(long t)
        {
            if (_exhausted)
            {
                return false;
            }

            int i = Math.Max(_index, 0);
            while (i < samples.Length && samples[i].Timestamp < t)
            {
                i++;
            }

            if (i == samples.Length)
            {
                _exhausted = true;
                return false;
            }

            _index = i;
            return true;
        }
    }
}
