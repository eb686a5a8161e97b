using Tsdb.Server.Tests.Oracle;
using Tsdb.Storage;
using ProtoLabel = Tsdb.Server.RemoteWrite.Protos.Label;
using ProtoSample = Tsdb.Server.RemoteWrite.Protos.Sample;
using TimeSeries = Tsdb.Server.RemoteWrite.Protos.TimeSeries;
using WriteRequest = Tsdb.Server.RemoteWrite.Protos.WriteRequest;

namespace Tsdb.Server.Tests.Differential;

/// <summary>
/// One Prometheus and one head per test class, both holding <see cref="DifferentialDataset"/>: Prometheus gets
/// it through remote write in a single request (one commit, so its head accepts the whole 90 minutes even though
/// it refuses samples far older than what it already holds), the head through an appender.
/// </summary>
public sealed class DifferentialFixture : IAsyncLifetime
{
    private PrometheusOracle? _oracle;

    internal DifferentialDataset Dataset { get; } = DifferentialDataset.EndingBefore(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    internal Head Head { get; } = Head.Open(new HeadOptions());

    internal PrometheusOracle Oracle => _oracle ?? throw new InvalidOperationException("the fixture is not initialised");

    public async Task InitializeAsync()
    {
        _oracle = await PrometheusOracle.StartAsync();
        var request = new WriteRequest();
        var appender = Head.Appender();
        // Prometheus's head lists a selector's series in creation order, its blocks in label order; created in
        // label order they agree, and so ties in topk and bottomk are broken the same way everywhere.
        foreach (var series in Dataset.Series.OrderBy(s => s.Labels))
        {
            var proto = new TimeSeries();
            // Sent sorted by name, as Prometheus's own senders do.
            foreach (var label in series.Labels) proto.Labels.Add(new ProtoLabel { Name = label.Name, Value = label.Value });
            var labels = series.Labels;
            foreach (var (t, v) in series.Samples)
            {
                proto.Samples.Add(new ProtoSample { Timestamp = t, Value = v });
                var status = appender.Append(labels, t, v, out _);
                if (status != AppendStatus.Ok) throw new InvalidOperationException($"head refused {labels} at {t}: {status}");
            }
            request.Timeseries.Add(proto);
        }
        appender.Commit();
        var (code, body) = await _oracle.PushAsync(request);
        if (code != 204) throw new InvalidOperationException($"Prometheus refused the dataset: {code} {body}");
    }

    public async Task DisposeAsync()
    {
        Head.Dispose();
        if (_oracle is not null) await _oracle.DisposeAsync();
    }
}
