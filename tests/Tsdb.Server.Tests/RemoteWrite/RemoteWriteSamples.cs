using Tsdb.Server.RemoteWrite.Protos;
using Tsdb.Storage;
using ProtoLabel = Tsdb.Server.RemoteWrite.Protos.Label;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>Builds write requests with the generated classes and reads everything back out of a head.</summary>
internal static class RemoteWriteSamples
{
    public static TimeSeries Series(string[] namesAndValues, params (long T, double V)[] samples)
    {
        var series = new TimeSeries();
        for (int i = 0; i < namesAndValues.Length; i += 2)
            series.Labels.Add(new ProtoLabel { Name = namesAndValues[i], Value = namesAndValues[i + 1] });
        foreach (var (t, v) in samples)
            series.Samples.Add(new Sample { Timestamp = t, Value = v });
        return series;
    }

    public static WriteRequest Request(params TimeSeries[] series)
    {
        var request = new WriteRequest();
        request.Timeseries.AddRange(series);
        return request;
    }

    /// <summary>Every series in the head with its samples as (timestamp, value bits).</summary>
    public static Dictionary<Labels, List<(long T, ulong Bits)>> ReadAll(Tsdb.Storage.IQueryable storage)
    {
        var result = new Dictionary<Labels, List<(long, ulong)>>();
        using var querier = storage.Querier(long.MinValue, long.MaxValue);
        var set = querier.Select(Matcher.NotEqual(Labels.MetricName, ""));
        while (set.MoveNext())
        {
            var samples = new List<(long, ulong)>();
            var it = set.Current.Iterator();
            while (it.Next()) samples.Add((it.Timestamp, BitConverter.DoubleToUInt64Bits(it.Value)));
            result.Add(set.Current.Labels, samples);
        }
        return result;
    }
}
