using Microsoft.Win32.SafeHandles;

namespace Tsdb.Storage.Wal;

/// <summary>
/// Reads the records of one segment file front to back through one reusable buffer (refilled in large reads,
/// grown only for a record larger than it), checking each frame. Stops at the end of the file or at the
/// first torn or corrupt record, which it describes in <see cref="Corruption"/>.
/// </summary>
internal sealed class WalSegmentReader : IDisposable
{
    private const int DefaultBufferSize = 1024 * 1024;

    private readonly string _path;
    private readonly SafeFileHandle _file;
    private readonly long _fileLength;
    private byte[] _buffer;
    private long _bufferFileOffset; // file offset of _buffer[0]
    private int _start;             // next unread byte in _buffer
    private int _end;               // end of valid bytes in _buffer

    public WalSegmentReader(string path, byte[]? buffer = null)
    {
        _path = path;
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _fileLength = RandomAccess.GetLength(_file);
        _buffer = buffer ?? new byte[DefaultBufferSize];
    }

    /// <summary>The byte offset of the next record, which after the last good record is where a repair truncates.</summary>
    public long Offset => _bufferFileOffset + _start;

    public WalCorruption? Corruption { get; private set; }

    /// <summary>The buffer, possibly grown, for the caller to hand to the next segment's reader.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Reads the next record; false at the end of the file or at a bad record (then <see cref="Corruption"/> is set).</summary>
    public bool TryRead(out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (Corruption is not null) return false;
        long remaining = _fileLength - Offset;
        if (remaining == 0) return false;
        if (remaining < WalFrame.HeaderSize)
            return Fail(WalCorruptionReason.TruncatedHeader, $"only {remaining} bytes left, a record header needs {WalFrame.HeaderSize}");

        Fill(WalFrame.HeaderSize);
        var header = _buffer.AsSpan(_start, WalFrame.HeaderSize);
        uint length = WalFrame.ReadLength(header);
        if (length == 0)
            return Fail(WalCorruptionReason.ZeroLength, "record length is zero (zero-filled tail)");
        if (length > WalFrame.MaxPayloadLength)
            return Fail(WalCorruptionReason.AbsurdLength, $"record length {length} exceeds the maximum of {WalFrame.MaxPayloadLength}");
        int frameLength = WalFrame.HeaderSize + (int)length;
        if (frameLength > remaining)
            return Fail(WalCorruptionReason.TruncatedPayload, $"record of {length} bytes runs past the end of the file ({remaining - WalFrame.HeaderSize} bytes left)");

        Fill(frameLength);
        var frame = _buffer.AsSpan(_start, frameLength);
        uint expected = WalFrame.ReadCrc(frame);
        var body = frame[WalFrame.HeaderSize..];
        uint actual = Crc32C.Compute(body);
        if (actual != expected)
            return Fail(WalCorruptionReason.ChecksumMismatch, $"CRC-32C of the {length}-byte record is 0x{actual:x8}, its header says 0x{expected:x8}");

        _start += frameLength;
        payload = body;
        return true;
    }

    public void Dispose() => _file.Dispose();

    private bool Fail(WalCorruptionReason reason, string detail)
    {
        Corruption = new WalCorruption(_path, Offset, reason, detail);
        return false;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes from <see cref="Offset"/> available in the buffer; the caller checked the file has them.</summary>
    private void Fill(int count)
    {
        if (_end - _start >= count) return;
        int unread = _end - _start;
        if (count > _buffer.Length)
        {
            var grown = new byte[Math.Max(count, 2 * _buffer.Length)];
            _buffer.AsSpan(_start, unread).CopyTo(grown);
            _buffer = grown;
        }
        else
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        }
        _bufferFileOffset += _start;
        _start = 0;
        _end = unread;
        while (_end < count)
        {
            int read = RandomAccess.Read(_file, _buffer.AsSpan(_end), _bufferFileOffset + _end);
            if (read == 0)
                throw new IOException($"{_path} ended at {_bufferFileOffset + _end} while being read; it was {_fileLength} bytes long when opened");
            _end += read;
        }
    }
}
