using System.Buffers;
using System.Buffers.Binary;

namespace Tsdb.Storage.Wal;

/// <summary>
/// The samples record: the type byte, then (if there are samples) the first sample's series ref and timestamp
/// as 8-byte words, then per sample the zigzag varint deltas of its ref and timestamp from those first values
/// and its 8 value bytes. Deltas wrap around, so every ref and timestamp in the whole 64-bit range round-trips.
/// </summary>
public static class WalSamplesRecord
{
    private const int MaxSampleLength = 2 * WalRecordWriter.MaxVarintLength + sizeof(ulong);

    public static void Encode(ReadOnlySpan<WalSample> samples, IBufferWriter<byte> writer)
    {
        WalRecordWriter.WriteByte(writer, (byte)WalRecordType.Samples);
        if (samples.IsEmpty) return;
        ulong firstRef = samples[0].Ref.Value;
        long firstTimestamp = samples[0].Timestamp;
        WalRecordWriter.WriteUInt64(writer, firstRef);
        WalRecordWriter.WriteUInt64(writer, (ulong)firstTimestamp);
        foreach (var sample in samples)
        {
            var span = writer.GetSpan(MaxSampleLength);
            int n = WalRecordWriter.PutVarint(span, unchecked((long)(sample.Ref.Value - firstRef)));
            n += WalRecordWriter.PutVarint(span[n..], unchecked(sample.Timestamp - firstTimestamp));
            BinaryPrimitives.WriteUInt64LittleEndian(span[n..], BitConverter.DoubleToUInt64Bits(sample.Value));
            writer.Advance(n + sizeof(ulong));
        }
    }

    /// <summary>Decodes into <paramref name="samples"/>, which is cleared first; throws <see cref="WalCorruptionException"/> if malformed.</summary>
    public static void Decode(ReadOnlySpan<byte> record, List<WalSample> samples)
    {
        samples.Clear();
        var reader = new WalRecordReader(record, WalRecordType.Samples);
        reader.ReadType();
        if (reader.AtEnd) return;
        ulong firstRef = reader.ReadUInt64("first series ref");
        long firstTimestamp = (long)reader.ReadUInt64("first timestamp");
        if (reader.AtEnd) throw reader.Error("has a first ref and timestamp but no sample");
        while (!reader.AtEnd)
        {
            long refDelta = reader.ReadVarint("series ref delta");
            long timestampDelta = reader.ReadVarint("timestamp delta");
            ulong valueBits = reader.ReadUInt64("value");
            samples.Add(new WalSample(
                new SeriesRef(unchecked(firstRef + (ulong)refDelta)),
                unchecked(firstTimestamp + timestampDelta),
                BitConverter.UInt64BitsToDouble(valueBits)));
        }
    }
}
