using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Tsdb.Storage;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// Reads a decompressed <c>prometheus.WriteRequest</c> straight from its wire bytes and validates all of it
/// before anything is stored. Series already in the <see cref="SeriesCache"/> resolve by their raw label
/// bytes, without building a string; the others get interned <see cref="Labels"/>. Metadata and exemplars
/// are skipped (they are not stored); native histograms are refused.
/// Buffers come from pools and go back on <see cref="Dispose"/>.
/// </summary>
internal sealed class WriteRequestDecoder : IDisposable
{
    // WriteRequest
    private const int FieldTimeSeries = 1;
    // TimeSeries
    private const int FieldLabels = 1, FieldSamples = 2, FieldHistograms = 4;
    // Label
    private const int FieldName = 1, FieldValue = 2;
    // Sample
    private const int FieldSampleValue = 1, FieldSampleTimestamp = 2;

    private DecodedSeries[] _series = ArrayPool<DecodedSeries>.Shared.Rent(256);
    private DecodedSample[] _samples = ArrayPool<DecodedSample>.Shared.Rent(2048);

    public int SeriesCount { get; private set; }

    public int SampleCount { get; private set; }

    public ReadOnlySpan<DecodedSeries> Series => _series.AsSpan(0, SeriesCount);

    public ReadOnlySpan<DecodedSample> Samples => _samples.AsSpan(0, SampleCount);

    /// <summary>Decodes and validates the whole request; throws <see cref="RemoteWriteFormatException"/> naming the first problem.</summary>
    public void Decode(ReadOnlySpan<byte> request, SeriesCache cache)
    {
        var reader = new ProtoWireReader(request);
        while (!reader.End)
        {
            int field = reader.ReadTag(out int wire);
            if (field == FieldTimeSeries)
            {
                reader.Expect(field, wire, ProtoWireReader.WireLengthDelimited, "WriteRequest");
                var message = reader.ReadLengthDelimited(out int start);
                DecodeTimeSeries(request, message, start, cache);
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    private void DecodeTimeSeries(ReadOnlySpan<byte> request, ReadOnlySpan<byte> message, int offset, SeriesCache cache)
    {
        var reader = new ProtoWireReader(message, offset);
        int labelsStart = -1, labelsEnd = -1;
        bool otherFieldAfterLabels = false, interleaved = false;
        int firstSample = SampleCount;
        int histograms = 0;
        while (!reader.End)
        {
            int tagAt = reader.Position;
            int field = reader.ReadTag(out int wire);
            switch (field)
            {
                case FieldLabels:
                    reader.Expect(field, wire, ProtoWireReader.WireLengthDelimited, "TimeSeries");
                    reader.ReadLengthDelimited(out _);
                    if (labelsStart < 0) labelsStart = tagAt;
                    else if (otherFieldAfterLabels) interleaved = true;
                    labelsEnd = reader.Position;
                    break;
                case FieldSamples:
                {
                    reader.Expect(field, wire, ProtoWireReader.WireLengthDelimited, "TimeSeries");
                    var sample = reader.ReadLengthDelimited(out int sampleStart);
                    AddSample(DecodeSample(sample, offset + sampleStart));
                    if (labelsStart >= 0) otherFieldAfterLabels = true;
                    break;
                }
                case FieldHistograms:
                    reader.Skip(wire);
                    histograms++;
                    if (labelsStart >= 0) otherFieldAfterLabels = true;
                    break;
                default:
                    reader.Skip(wire);
                    if (labelsStart >= 0) otherFieldAfterLabels = true;
                    break;
            }
        }
        if (histograms > 0)
            throw new RemoteWriteFormatException($"time series at byte {offset} holds native histogram samples, which this server does not store");
        int sampleCount = SampleCount - firstSample;
        // As in Prometheus, a series without samples is not resolved, so its labels are never checked.
        if (sampleCount == 0) return;

        var series = new DecodedSeries { FirstSample = firstSample, SampleCount = sampleCount };
        if (labelsStart >= 0 && !interleaved)
        {
            series.Cacheable = true;
            series.LabelsOffset = offset + labelsStart;
            series.LabelsLength = labelsEnd - labelsStart;
            var raw = request.Slice(series.LabelsOffset, series.LabelsLength);
            series.Key = RawLabelsKey.Of(raw);
            if (cache.TryGet(series.Key, out series.Ref))
            {
                AddSeries(series);
                return;
            }
        }
        else
        {
            series.LabelsOffset = offset;
            series.LabelsLength = message.Length;
        }
        series.Labels = BuildLabels(request.Slice(series.LabelsOffset, series.LabelsLength), series.LabelsOffset);
        AddSeries(series);
    }

    private static DecodedSample DecodeSample(ReadOnlySpan<byte> message, int offset)
    {
        var reader = new ProtoWireReader(message, offset);
        ulong valueBits = 0;
        long timestamp = 0;
        while (!reader.End)
        {
            int field = reader.ReadTag(out int wire);
            if (field == FieldSampleValue)
            {
                reader.Expect(field, wire, ProtoWireReader.WireFixed64, "Sample");
                valueBits = reader.ReadFixed64();
            }
            else if (field == FieldSampleTimestamp)
            {
                reader.Expect(field, wire, ProtoWireReader.WireVarint, "Sample");
                timestamp = (long)reader.ReadVarint();
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return new DecodedSample(timestamp, BitConverter.UInt64BitsToDouble(valueBits));
    }

    /// <summary>
    /// Builds the label set from the label fields in <paramref name="fields"/> (other fields are skipped),
    /// refusing what storage cannot hold: invalid UTF-8, an empty name, a repeated name, no labels at all.
    /// </summary>
    internal static Labels BuildLabels(ReadOnlySpan<byte> fields, int offset)
    {
        var labels = new List<Label>(12);
        var reader = new ProtoWireReader(fields, offset);
        while (!reader.End)
        {
            int field = reader.ReadTag(out int wire);
            if (field != FieldLabels)
            {
                reader.Skip(wire);
                continue;
            }
            var message = reader.ReadLengthDelimited(out int start);
            labels.Add(DecodeLabel(message, offset + start));
        }
        Labels result;
        try
        {
            result = Labels.From(labels);
        }
        catch (ArgumentException e)
        {
            throw new RemoteWriteFormatException($"invalid labels for series at byte {offset}: {e.Message}");
        }
        if (result.Count == 0)
            throw new RemoteWriteFormatException($"series at byte {offset} has no labels (or only empty values)");
        return result;
    }

    private static Label DecodeLabel(ReadOnlySpan<byte> message, int offset)
    {
        var reader = new ProtoWireReader(message, offset);
        ReadOnlySpan<byte> name = default, value = default;
        while (!reader.End)
        {
            int field = reader.ReadTag(out int wire);
            if (field == FieldName)
            {
                reader.Expect(field, wire, ProtoWireReader.WireLengthDelimited, "Label");
                name = reader.ReadLengthDelimited(out _);
            }
            else if (field == FieldValue)
            {
                reader.Expect(field, wire, ProtoWireReader.WireLengthDelimited, "Label");
                value = reader.ReadLengthDelimited(out _);
            }
            else
            {
                reader.Skip(wire);
            }
        }
        if (name.IsEmpty)
            throw new RemoteWriteFormatException($"label at byte {offset} has an empty name");
        return new Label(Intern(name, offset, "name"), Intern(value, offset, "value"));
    }

    private static string Intern(ReadOnlySpan<byte> utf8, int offset, string what)
    {
        if (!Utf8.IsValid(utf8))
            throw new RemoteWriteFormatException($"label {what} at byte {offset} is not valid UTF-8");
        if (utf8.IsEmpty) return string.Empty;
        char[]? rented = null;
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        int length = Encoding.UTF8.GetChars(utf8, chars);
        var interned = StringInterner.Intern(chars[..length]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return interned;
    }

    private void AddSample(DecodedSample sample)
    {
        if (SampleCount == _samples.Length) Grow(ref _samples, clear: false);
        _samples[SampleCount++] = sample;
    }

    private void AddSeries(DecodedSeries series)
    {
        if (SeriesCount == _series.Length) Grow(ref _series, clear: true);
        _series[SeriesCount++] = series;
    }

    private static void Grow<T>(ref T[] array, bool clear)
    {
        var bigger = ArrayPool<T>.Shared.Rent(array.Length * 2);
        array.CopyTo(bigger, 0);
        ArrayPool<T>.Shared.Return(array, clear);
        array = bigger;
    }

    /// <summary>Forgets the decoded request, keeping the buffers for the next one.</summary>
    public void Reset()
    {
        Array.Clear(_series, 0, SeriesCount);
        SeriesCount = 0;
        SampleCount = 0;
    }

    public void Dispose()
    {
        ArrayPool<DecodedSeries>.Shared.Return(_series, clearArray: true);
        ArrayPool<DecodedSample>.Shared.Return(_samples);
        _series = [];
        _samples = [];
    }
}
