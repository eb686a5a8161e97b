using System.Buffers;
using System.IO.Pipelines;

namespace Tsdb.Scrape.Parsing;

/// <summary>
/// Feeds a parser complete lines from a scrape body arriving through a <see cref="PipeReader"/>
/// (possibly over a decompressing stream). Lines inside one buffer segment are parsed in place; only a
/// line split across segments is copied, into a pooled buffer. The pipe is advanced past a line only
/// when the next one is requested, so the spans of the current entry stay valid until then.
/// The caller owns the pipe and completes it; <see cref="Dispose"/> returns the pooled buffer.
/// </summary>
public sealed class PipeExpositionReader : IDisposable
{
    private readonly PipeReader _pipe;
    // The unread part of the buffer the pipe returned is _unread less its first _consumedOfFirst bytes;
    // _restOfFirst is what remains of its first segment. Lines inside that segment are taken by slicing
    // it, which is cheaper than slicing the sequence once per line.
    private ReadOnlySequence<byte> _unread;
    private ReadOnlyMemory<byte> _restOfFirst;
    private int _consumedOfFirst;
    private bool _holdingBuffer;
    private bool _pipeCompleted;
    private byte[] _joinedLine;

    public PipeExpositionReader(PipeReader pipe, ExpositionParser parser)
    {
        _pipe = pipe;
        Parser = parser;
        _joinedLine = ArrayPool<byte>.Shared.Rent(4096);
        parser.BeginInput();
    }

    /// <summary>The parser whose properties describe the entry <see cref="NextAsync"/> returned.</summary>
    public ExpositionParser Parser { get; }

    /// <summary>
    /// The next entry; completes synchronously while whole lines are buffered. Throws
    /// <see cref="ExpositionParseException"/> on a malformed page.
    /// </summary>
    public ValueTask<EntryKind> NextAsync(CancellationToken cancellationToken = default)
    {
        if (TryParseBufferedLine(out var kind)) return new ValueTask<EntryKind>(kind);
        if (_pipeCompleted) return new ValueTask<EntryKind>(Parser.EndOfInput());
        return ReadAndParseAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_joinedLine.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_joinedLine);
        _joinedLine = [];
    }

    private async ValueTask<EntryKind> ReadAndParseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_holdingBuffer)
            {
                // Everything before the unread part has been parsed; the rest was all looked at.
                SkipConsumedOfFirst();
                _pipe.AdvanceTo(_unread.Start, _unread.End);
                _holdingBuffer = false;
            }
            var result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled) throw new OperationCanceledException("reading the scrape body was canceled");
            _unread = result.Buffer;
            _restOfFirst = _unread.First;
            _consumedOfFirst = 0;
            _holdingBuffer = true;
            _pipeCompleted = result.IsCompleted;
            if (TryParseBufferedLine(out var kind)) return kind;
            if (_pipeCompleted) return Parser.EndOfInput();
        }
    }

    private bool TryParseBufferedLine(out EntryKind kind)
    {
        while (TryTakeLine(out var line, out bool terminated))
        {
            if (Parser.TryParseLine(line, terminated, out kind)) return true;
        }
        kind = default;
        return false;
    }

    private bool TryTakeLine(out ReadOnlyMemory<byte> line, out bool terminated)
    {
        int newline = _restOfFirst.Span.IndexOf((byte)'\n');
        if (newline >= 0)
        {
            line = _restOfFirst[..newline];
            terminated = true;
            _restOfFirst = _restOfFirst[(newline + 1)..];
            _consumedOfFirst += newline + 1;
            return true;
        }
        SkipConsumedOfFirst();
        if (_unread.IsEmpty)
        {
            line = default;
            terminated = false;
            return false;
        }
        if (!_unread.IsSingleSegment)
        {
            // A line that goes on into the next segment.
            var newlinePosition = _unread.PositionOf((byte)'\n');
            if (newlinePosition is { } position)
            {
                line = Flatten(_unread.Slice(0, position));
                terminated = true;
                _unread = _unread.Slice(_unread.GetPosition(1, position));
                _restOfFirst = _unread.First;
                return true;
            }
        }
        if (_pipeCompleted)
        {
            // The last line of a body that does not end with a line feed.
            line = Flatten(_unread);
            terminated = false;
            _unread = _unread.Slice(_unread.End);
            _restOfFirst = default;
            return true;
        }
        line = default;
        terminated = false;
        return false;
    }

    /// <summary>Drops the lines taken from the first segment from <see cref="_unread"/> itself.</summary>
    private void SkipConsumedOfFirst()
    {
        if (_consumedOfFirst == 0) return;
        _unread = _unread.Slice(_consumedOfFirst);
        _consumedOfFirst = 0;
    }

    private ReadOnlyMemory<byte> Flatten(ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment) return sequence.First;
        int length = checked((int)sequence.Length);
        if (_joinedLine.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_joinedLine);
            _joinedLine = ArrayPool<byte>.Shared.Rent(length);
        }
        sequence.CopyTo(_joinedLine);
        return _joinedLine.AsMemory(0, length);
    }
}
