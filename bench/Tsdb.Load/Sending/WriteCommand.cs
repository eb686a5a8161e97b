using Tsdb.Load.Workload;

namespace Tsdb.Load.Sending;

/// <summary>Remote write load against a system that is already running.</summary>
public static class WriteCommand
{
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        var url = new Uri(args.String("url", "http://127.0.0.1:9090/api/v1/write"));
        var workload = new WriteWorkload("write", args.Int("series", 10_000), args.Int("rounds", 240),
            args.Int("samples-per-request", 2000), args.Int("concurrency", 4), args.Double("churn", 0));
        args.RejectUnknown();
        var encoded = RequestEncoder.Encode(workload, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Console.WriteLine($"{workload}: {encoded.Requests} requests, {encoded.Bytes / 1048576.0:F1} MiB, {encoded.DistinctSeries:N0} distinct series");
        var result = await RemoteWriteSender.SendAsync(url, encoded, cancellationToken);
        Console.WriteLine($"sent {result.SamplesSent:N0} samples in {result.Elapsed.TotalSeconds:F2} s: {result.SamplesPerSecond:N0} samples/s; " +
            $"{result.FailedRequests} of {result.Requests} requests refused{(result.FirstError is null ? "" : $", first: {result.FirstError}")}");
        Console.WriteLine($"a system that stored everything answers sum(count_over_time({{__name__=~\".+\"}}[{(encoded.EndMs - encoded.StartMs) / 1000 + 60}s])) = {encoded.Samples} at time {encoded.EndMs / 1000.0:F3}");
        return result.FailedRequests == 0 ? 0 : 1;
    }
}
