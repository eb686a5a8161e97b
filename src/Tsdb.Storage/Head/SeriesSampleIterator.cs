using Tsdb.Storage.Chunks;

namespace Tsdb.Storage;

/// <summary>Iterates a series snapshot chunk by chunk, yielding only samples within [mint, maxt].</summary>
internal sealed class SeriesSampleIterator : ISampleIterator
{
    private SeriesSnapshot _snapshot;
    private long _mint;
    private long _maxt;
    private XorIterator _current;
    private int _nextChunk;
    private bool _started;
    private bool _done;

    public SeriesSampleIterator(SeriesSnapshot snapshot, long mint, long maxt) => Reset(snapshot, mint, maxt);

    /// <summary><paramref name="reuse"/> started over on the snapshot when it is one of these, else a new one.</summary>
    public static SeriesSampleIterator Over(ISampleIterator? reuse, SeriesSnapshot snapshot, long mint, long maxt)
    {
        if (reuse is not SeriesSampleIterator iterator) return new SeriesSampleIterator(snapshot, mint, maxt);
        iterator.Reset(snapshot, mint, maxt);
        return iterator;
    }

    /// <summary>Starts over on another snapshot, as a new iterator would (<see cref="ISeries.Iterator(ISampleIterator?)"/>).</summary>
    public void Reset(SeriesSnapshot snapshot, long mint, long maxt)
    {
        _snapshot = snapshot;
        _mint = mint;
        _maxt = maxt;
        _current = default;
        _nextChunk = 0;
        _started = false;
        _done = false;
    }

    public long Timestamp => _current.Timestamp;

    public double Value => _current.Value;

    public bool Next()
    {
        if (_done) return false;
        if (!_started)
        {
            _started = true;
            return SeekFromStart(_mint);
        }
        while (true)
        {
            if (_current.Next()) return Accept();
            if (!OpenNextChunk()) return Finish();
        }
    }

    public int NextBatch(Span<Point> points)
    {
        int n = 0;
        // The first sample goes through Next(), which places the iterator at the range's start.
        if (!_started && points.Length > 0)
        {
            if (!Next()) return 0;
            points[n++] = new Point(_current.Timestamp, _current.Value);
        }
        while (n < points.Length && !_done)
        {
            int read = _current.NextBatch(points[n..]);
            if (read == 0)
            {
                if (!OpenNextChunk()) _done = true;
                continue;
            }
            // Samples are in time order: only a batch whose last sample is past the range needs cutting.
            if (points[n + read - 1].T > _maxt)
            {
                _done = true;
                while (read > 0 && points[n + read - 1].T > _maxt) read--;
            }
            n += read;
        }
        return n;
    }

    public bool Seek(long t)
    {
        if (_done) return false;
        if (t < _mint) t = _mint;
        if (!_started)
        {
            _started = true;
            return SeekFromStart(t);
        }
        if (_current.Timestamp >= t) return true;
        while (true)
        {
            if (_current.Seek(t)) return Accept();
            if (!OpenNextChunk()) return Finish();
        }
    }

    private bool SeekFromStart(long t)
    {
        while (OpenNextChunk())
        {
            if (_current.Seek(t)) return Accept();
        }
        return Finish();
    }

    private bool Accept() => _current.Timestamp <= _maxt || Finish();

    private bool Finish()
    {
        _done = true;
        return false;
    }

    private bool OpenNextChunk()
    {
        var full = _snapshot.FullChunks;
        if (_nextChunk < full.Count)
        {
            _current = full[_nextChunk++].Iterator();
            return true;
        }
        if (_nextChunk == full.Count && _snapshot.HasOpenChunk)
        {
            _nextChunk++;
            _current = _snapshot.OpenChunk();
            return true;
        }
        return false;
    }
}
