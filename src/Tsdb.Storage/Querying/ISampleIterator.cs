namespace Tsdb.Storage;

/// <summary>
/// Walks one series' samples in ascending time. Before the first <see cref="Next"/> or
/// <see cref="Seek"/> there is no current sample.
/// </summary>
public interface ISampleIterator
{
    /// <summary>Moves to the next sample; false when there is none.</summary>
    bool Next();

    /// <summary>
    /// Moves forward to the first sample at or after <paramref name="t"/>; if the current sample already
    /// is, stays. Never moves back. False when there is no such sample.
    /// </summary>
    bool Seek(long t);

    /// <summary>Milliseconds since the epoch of the current sample.</summary>
    long Timestamp { get; }

    /// <summary>The current sample's value, bit for bit as appended (staleness markers included).</summary>
    double Value { get; }

    /// <summary>
    /// What calling <see cref="Next"/> up to <c>points.Length</c> times and recording each sample it moves to
    /// does, in one call: returns how many samples were read into <paramref name="points"/>; fewer than
    /// <c>points.Length</c> only when the samples ran out. Readers of whole series use it to pay one call per
    /// batch rather than three per sample, and to decode straight into their own buffers.
    /// </summary>
    int NextBatch(Span<Point> points);
}
