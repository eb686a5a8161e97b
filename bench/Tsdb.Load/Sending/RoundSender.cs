using System.Diagnostics;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Sending;

/// <summary>
/// Sends a workload to one receiver a round at a time, when asked, so that several receivers can take turns
/// round by round. Within a round up to <see cref="EncodedWorkload.Workers"/> requests are in flight; a round
/// is sent whole before the next one starts, so every series receives its samples in order. As with
/// <see cref="RemoteWriteSender"/>, a refused request is counted and not retried.
/// </summary>
public sealed class RoundSender(Uri writeUrl, EncodedWorkload encoded) : IDisposable
{
    private readonly HttpClient _client = RemoteWriteSender.CreateClient(encoded.Workers);
    private readonly Stopwatch _sending = new();
    private int _failed;
    private string? _firstError;

    public async Task SendRoundAsync(int round, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = encoded.Workers, CancellationToken = cancellationToken };
        _sending.Start();
        await Parallel.ForEachAsync(encoded.RequestsPerRound[round], options, async (body, token) =>
        {
            string? error = await RemoteWriteSender.SendOneAsync(_client, writeUrl, body, token);
            if (error is null) return;
            Interlocked.Increment(ref _failed);
            Interlocked.CompareExchange(ref _firstError, error, null);
        });
        _sending.Stop();
    }

    /// <summary>Once every round was sent: how the receiver answered, and the time spent sending to it (its turns only).</summary>
    public SendResult Result => new(_sending.Elapsed, encoded.Requests, _failed, encoded.Samples, _firstError);

    public void Dispose() => _client.Dispose();
}
