namespace Tsdb.Server.RemoteWrite;

/// <summary>
/// The outcome of one remote write request: the HTTP status to answer, the plain-text reason for an error
/// (empty on success) and what was stored.
/// </summary>
public readonly record struct RemoteWriteResult(int StatusCode, string Message, int Series, int SamplesAppended, int SeriesCreated)
{
    public bool Success => StatusCode is >= 200 and < 300;
}
