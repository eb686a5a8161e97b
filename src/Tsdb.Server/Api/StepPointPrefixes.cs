using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tsdb.Query.Engine;

namespace Tsdb.Server.Api;

/// <summary>
/// The text that opens each point of a range query answer, <c>[&lt;seconds&gt;,"</c>, formatted once per step of
/// the query's grid when first needed: every series of the answer has its points on the same steps, so an answer
/// of 10,000 series would otherwise format each timestamp 10,000 times.
/// </summary>
public sealed class StepPointPrefixes
{
    /// <summary>
    /// Bytes kept per step and copied per point whatever the text's length: the longest text (a sign, sixteen
    /// digits of seconds, a point and three decimals between the bracket, comma and quote) is 24.
    /// </summary>
    public const int SlotSize = 32;

    /// <summary>
    /// The most steps kept: those of the longest range query answer. A grid with more (a step the API rounded
    /// down to whole milliseconds) is kept up to there; points after it are formatted one by one.
    /// </summary>
    public const int MaxSteps = PromQLEngine.MaxPointsPerSeries + 1;

    private readonly long _startMs;
    private readonly long _stepMs;
    private readonly int _steps;
    private readonly byte[] _texts;

    /// <summary>Each step's text length; 0 while not formatted yet.</summary>
    private readonly byte[] _lengths;

    /// <param name="startMs">The first step.</param>
    /// <param name="endMs">The last step or a time before the next one.</param>
    /// <param name="stepMs">The distance between steps (above 0).</param>
    public StepPointPrefixes(long startMs, long endMs, long stepMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepMs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(endMs, startMs);
        // The difference of two longs, end not before start, always fits an unsigned long.
        ulong stepsAfterStart = (ulong)(endMs - startMs) / (ulong)stepMs;
        _startMs = startMs;
        _stepMs = stepMs;
        _steps = (int)Math.Min(stepsAfterStart, MaxSteps - 1) + 1;
        _texts = new byte[_steps * SlotSize];
        _lengths = new byte[_steps];
    }

    /// <summary>
    /// The step at <paramref name="timestampMs"/>, if it is one: <paramref name="step"/> comes in as a guess (the
    /// step after the previous point of a series, which is right unless the series skips steps) and goes out as
    /// the step found. Returns false for a time off the grid.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryFindStep(long timestampMs, ref int step)
    {
        if ((uint)step < (uint)_steps && _startMs + step * _stepMs == timestampMs) return true;
        long offset = timestampMs - _startMs;
        if (offset < 0 || offset % _stepMs != 0 || offset / _stepMs >= _steps) return false;
        step = (int)(offset / _stepMs);
        return true;
    }

    /// <summary>
    /// Copies the text of <paramref name="step"/> (found by <see cref="TryFindStep"/>) to
    /// <paramref name="destination"/>, which must have room for <see cref="SlotSize"/> bytes; returns its length.
    /// </summary>
    internal int CopyTo(int step, ref byte destination)
    {
        ref byte slot = ref _texts[step * SlotSize];
        int length = _lengths[step];
        if (length == 0) _lengths[step] = (byte)(length = Format(_startMs + step * _stepMs, ref slot));
        Unsafe.CopyBlockUnaligned(ref destination, ref slot, SlotSize);
        return length;
    }

    /// <summary>The point prefix of a timestamp, as written into a slot; returns its length.</summary>
    private static int Format(long timestampMs, ref byte slot)
    {
        Span<byte> text = stackalloc byte[SlotSize + GoFloatText.MaxPlainLength];
        int length = WriteUncached(timestampMs, text);
        if (length > SlotSize) throw new InvalidOperationException($"a point prefix of {length} bytes does not fit a slot");
        text[..SlotSize].CopyTo(MemoryMarshal.CreateSpan(ref slot, SlotSize));
        return length;
    }

    /// <summary>
    /// The point prefix of any timestamp into <paramref name="destination"/> (with room for
    /// <see cref="GoFloatText.MaxPlainLength"/> bytes after the bracket to scribble on); returns its length.
    /// </summary>
    internal static int WriteUncached(long timestampMs, Span<byte> destination)
    {
        destination[0] = (byte)'[';
        int length = 1 + ApiJson.FormatTimestamp(timestampMs, destination[1..]);
        destination[length++] = (byte)',';
        destination[length++] = (byte)'"';
        return length;
    }
}
