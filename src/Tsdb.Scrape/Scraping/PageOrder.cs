namespace Tsdb.Scrape.Scraping;

/// <summary>
/// The series texts of a target's last successful page in the order the page wrote them, to predict the
/// next line of the page being scraped. Exporters write the same series in the same order scrape after
/// scrape, so the prediction is almost always right: a line is then matched by comparing it with one text
/// (read in page order, so from memory the CPU prefetches) instead of hashing it and probing a table that
/// does not stay in cache between a target's scrapes. After a wrong prediction (a series added, removed or
/// moved) the order resumes after the text the lookup found. Used by one scrape loop at a time.
/// </summary>
internal sealed class PageOrder
{
    private CachedText[] _last = [];
    private int _lastCount;

    // This page's texts, recorded only from its first departure from the last page's order (until then
    // they are that order's first _position texts).
    private CachedText[] _current = [];
    private int _currentCount;
    private bool _inStep = true;

    private int _position;
    private int _cursor;

    /// <summary>The text the next series line of the page is predicted to have, or null when there is no prediction.</summary>
    public CachedText? Expected => _cursor < _lastCount ? _last[_cursor] : null;

    /// <summary>Records that the series line was the <see cref="Expected"/> text.</summary>
    public void MatchedExpected()
    {
        var text = _last[_cursor];
        if (!_inStep) Record(text);
        _cursor++;
        _position++;
    }

    /// <summary>Records a series line whose text was not the expected one: found by lookup, or new.</summary>
    public void Found(CachedText text)
    {
        if (_inStep) LeaveStep();
        Record(text);
        _position++;
        int at = text.PagePosition;
        if ((uint)at < (uint)_lastCount && ReferenceEquals(_last[at], text)) _cursor = at + 1;
    }

    /// <summary>
    /// Closes the page. A successful page becomes the order to predict the next one from (unchanged when it
    /// followed the last one exactly); after a failure nothing is predicted until the next success, so the
    /// order never names a text the cache has since evicted.
    /// </summary>
    public void EndPage(bool succeeded)
    {
        if (!succeeded)
        {
            Array.Clear(_last, 0, _lastCount);
            _lastCount = 0;
        }
        else if (!_inStep || _position != _lastCount)
        {
            if (_inStep) LeaveStep();
            (_last, _current) = (_current, _last);
            Array.Clear(_current, 0, _lastCount);
            _lastCount = _currentCount;
            for (int i = 0; i < _lastCount; i++) _last[i].PagePosition = i;
        }
        _currentCount = 0;
        _inStep = true;
        _position = _cursor = 0;
    }

    private void LeaveStep()
    {
        _inStep = false;
        EnsureCurrentCapacity(_position);
        Array.Copy(_last, _current, _position);
        _currentCount = _position;
    }

    private void Record(CachedText text)
    {
        EnsureCurrentCapacity(_currentCount + 1);
        _current[_currentCount++] = text;
    }

    private void EnsureCurrentCapacity(int count)
    {
        if (_current.Length >= count) return;
        Array.Resize(ref _current, Math.Max(count, Math.Max(16, _current.Length * 2)));
    }
}
