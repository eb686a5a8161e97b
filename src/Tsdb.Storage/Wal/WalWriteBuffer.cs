namespace Tsdb.Storage.Wal;

/// <summary>
/// Framed records waiting to be written, plus the offsets at which a new segment must start. The log keeps
/// two and swaps them, so appenders fill one while a flush writes the other; both are reused, growing to the
/// largest batch seen, so logging does not allocate.
/// </summary>
internal sealed class WalWriteBuffer
{
    private const int InitialCapacity = 64 * 1024;

    private byte[] _data = new byte[InitialCapacity];
    private readonly List<int> _segmentCuts = [];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Data => _data.AsSpan(0, Length);

    /// <summary>Ascending offsets into <see cref="Data"/> where a record begins that belongs in a new segment.</summary>
    public List<int> SegmentCuts => _segmentCuts;

    public bool IsEmpty => Length == 0;

    public void Append(ReadOnlySpan<byte> payload, uint crc)
    {
        int frameLength = WalFrame.HeaderSize + payload.Length;
        if (_data.Length - Length < frameLength)
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(2L * _data.Length, (long)Length + frameLength)));
        var frame = _data.AsSpan(Length, frameLength);
        WalFrame.WriteHeader(frame, payload.Length, crc);
        payload.CopyTo(frame[WalFrame.HeaderSize..]);
        Length += frameLength;
    }

    /// <summary>Marks that the next appended record starts a new segment.</summary>
    public void CutSegmentHere() => _segmentCuts.Add(Length);

    public void Clear()
    {
        Length = 0;
        _segmentCuts.Clear();
    }
}
