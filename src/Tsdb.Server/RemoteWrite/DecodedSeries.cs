using Tsdb.Storage;

namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// One time series of a decoded request: where its raw labels are in the decompressed body, the storage
/// series they resolved to (from the cache) or the labels built on a miss, and its slice of the samples.
/// </summary>
internal struct DecodedSeries
{
    /// <summary>Offset and length of the label bytes (or of the whole series message when not cacheable).</summary>
    public int LabelsOffset;
    public int LabelsLength;
    /// <summary>False when label fields were interleaved with other fields, so no contiguous raw key exists.</summary>
    public bool Cacheable;
    public RawLabelsKey Key;
    public SeriesRef Ref;
    public Labels? Labels;
    public int FirstSample;
    public int SampleCount;
}
