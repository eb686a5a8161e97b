using System.Buffers;

namespace Tsdb.Storage.Wal;

/// <summary>
/// The series record: the type byte, then per series its ref as a uvarint, its label count as a uvarint, and
/// each label's name and value as uvarint-length-prefixed UTF-8, in the label set's (sorted) order.
/// </summary>
public static class WalSeriesRecord
{
    public static void Encode(ReadOnlySpan<WalSeries> series, IBufferWriter<byte> writer)
    {
        WalRecordWriter.WriteByte(writer, (byte)WalRecordType.Series);
        foreach (var s in series)
        {
            WalRecordWriter.WriteUvarint(writer, s.Ref.Value);
            WalRecordWriter.WriteUvarint(writer, (ulong)s.Labels.Count);
            foreach (var label in s.Labels)
            {
                WalRecordWriter.WriteString(writer, label.Name);
                WalRecordWriter.WriteString(writer, label.Value);
            }
        }
    }

    /// <summary>
    /// Decodes into <paramref name="series"/>, which is cleared first. Label strings are interned; the labels
    /// must be sorted by name, unique and have non-empty values, as every <see cref="Labels"/> is, or the record
    /// is reported as corrupt.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> record, List<WalSeries> series)
    {
        series.Clear();
        var reader = new WalRecordReader(record, WalRecordType.Series);
        reader.ReadType();
        while (!reader.AtEnd)
        {
            var seriesRef = new SeriesRef(reader.ReadUvarint("series ref"));
            ulong count = reader.ReadUvarint("label count");
            if (count > (ulong)reader.Remaining / 2) // each label needs at least its two length bytes
                throw reader.Error($"label count {count} of series {seriesRef.Value} is more than the remaining {reader.Remaining} bytes can hold");
            var labels = new Label[count];
            for (int i = 0; i < labels.Length; i++)
            {
                string name = reader.ReadInternedString("label name");
                string value = reader.ReadInternedString("label value");
                if (value.Length == 0)
                    throw reader.Error($"label \"{name}\" of series {seriesRef.Value} has an empty value");
                if (i > 0 && string.CompareOrdinal(labels[i - 1].Name, name) >= 0)
                    throw reader.Error($"label \"{name}\" of series {seriesRef.Value} is not after \"{labels[i - 1].Name}\" (labels must be sorted and unique)");
                labels[i] = new Label(name, value);
            }
            series.Add(new WalSeries(seriesRef, Labels.FromSortedUnchecked(labels)));
        }
    }
}
