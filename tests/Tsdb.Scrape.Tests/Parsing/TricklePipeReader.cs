using System.Buffers;
using System.IO.Pipelines;

namespace Tsdb.Scrape.Tests.Parsing;

/// <summary>
/// A pipe that hands out a body a few bytes per read, each read's data split into segments of that
/// size, so lines both arrive in pieces and span segments. Checks the reader advances correctly.
/// </summary>
internal sealed class TricklePipeReader : PipeReader
{
    private readonly ReadOnlySequence<byte> _body;
    private readonly int _step;
    private long _consumed;
    private SequencePosition _consumedPosition;
    private long _examined;
    private long _revealed;
    private bool _readPending;

    public TricklePipeReader(byte[] body, int step)
    {
        _step = step;
        _body = Segment.Build(body, step);
        _consumedPosition = _body.Start;
    }

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        Assert.False(_readPending, "ReadAsync called without AdvanceTo");
        // A reader that examined everything and asks again must get more data, as a real pipe would wait.
        if (_examined >= _revealed || _revealed == _consumed) _revealed = Math.Min(_body.Length, _revealed + _step);
        _readPending = true;
        // Slicing from the consumed position keeps a read cheap however many segments lie before it.
        var buffer = _body.Slice(_consumedPosition).Slice(0, _revealed - _consumed);
        return new ValueTask<ReadResult>(new ReadResult(buffer, isCanceled: false, isCompleted: _revealed == _body.Length));
    }

    public override bool TryRead(out ReadResult result)
    {
        result = ReadAsync().Result;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        Assert.True(_readPending, "AdvanceTo without a read");
        long consumedOffset = Offset(consumed), examinedOffset = Offset(examined);
        Assert.InRange(consumedOffset, _consumed, _revealed);
        Assert.InRange(examinedOffset, consumedOffset, _revealed);
        _consumed = consumedOffset;
        _consumedPosition = consumed;
        _examined = examinedOffset;
        _readPending = false;
    }

    /// <summary>The body offset of a position (ReadOnlySequence.GetOffset would walk every segment before it).</summary>
    private static long Offset(SequencePosition position) =>
        position.GetObject() is ReadOnlySequenceSegment<byte> segment ? segment.RunningIndex + position.GetInteger() : 0;

    public override void CancelPendingRead()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public static ReadOnlySequence<byte> Build(byte[] body, int size)
        {
            if (body.Length == 0) return ReadOnlySequence<byte>.Empty;
            Segment first = new() { Memory = body.AsMemory(0, Math.Min(size, body.Length)) }, last = first;
            for (int offset = size; offset < body.Length; offset += size)
            {
                var next = new Segment { Memory = body.AsMemory(offset, Math.Min(size, body.Length - offset)), RunningIndex = offset };
                last.Next = next;
                last = next;
            }
            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
