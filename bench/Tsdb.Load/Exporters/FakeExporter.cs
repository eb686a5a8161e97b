using System.Text;
using Tsdb.Load.Workload;

namespace Tsdb.Load.Exporters;

/// <summary>
/// One scrape target's /metrics in the Prometheus text format: the series of whole node exporter and HTTP
/// service instances (as remote write load uses), cut at the series count, with values that move on every
/// scrape. A scrape renders into a reused buffer; the values only depend on the scrape number.
/// </summary>
public sealed class FakeExporter(int target, int series)
{
    private readonly SeriesCatalog _catalog = new(series);
    private readonly double[] _values = new double[series];
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();
    private int _scrapes;

    public string Render()
    {
        lock (_lock)
        {
            int round = _scrapes++;
            _text.Clear();
            for (int slot = 0; slot < _values.Length; slot++)
            {
                var template = _catalog.TemplateOf(slot);
                int instance = _catalog.InstanceOf(slot);
                _values[slot] = template.Kind == MetricKind.Gauge
                    ? SampleValues.Gauge(template, slot, round)
                    : _values[slot] + SampleValues.Increment(template, slot, instance, target, round, 15);
                _text.Append(template.Metric).Append("{shard=\"").Append(instance).Append('"');
                foreach (var (name, value) in template.Labels) _text.Append(',').Append(name).Append("=\"").Append(value).Append('"');
                _text.Append("} ").Append(_values[slot].ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }
            return _text.ToString();
        }
    }
}
