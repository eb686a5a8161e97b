using System.Globalization;
using Tsdb.Storage;

namespace Tsdb.Scrape.Parsing;

/// <summary>
/// Writes metric families in either text format, the way Prometheus's expfmt renders them: Go float
/// layout (<c>1e+06</c>, <c>+Inf</c>, <c>NaN</c>), escaped label values and help texts, integer
/// millisecond timestamps in the text format and float seconds in OpenMetrics, and the final
/// <c># EOF</c> of OpenMetrics from <see cref="WriteEof"/>. Used for /federate and by tests.
/// </summary>
public sealed class ExpositionWriter(TextWriter output, ExpositionFormat format)
{
    private bool IsOpenMetrics => format == ExpositionFormat.OpenMetrics;

    public void WriteHelp(string metricName, string help)
    {
        output.Write("# HELP ");
        output.Write(metricName);
        output.Write(' ');
        EscapedText.Escape(output, help, escapeQuote: IsOpenMetrics);
        output.Write('\n');
    }

    /// <summary>
    /// Writes a TYPE line. The text format knows only counter, gauge, histogram, summary and untyped;
    /// OpenMetrics-only types are written there as <c>untyped</c>.
    /// </summary>
    public void WriteType(string metricName, MetricType type)
    {
        output.Write("# TYPE ");
        output.Write(metricName);
        output.Write(' ');
        output.Write(TypeName(type));
        output.Write('\n');
    }

    /// <summary>Writes a UNIT line (OpenMetrics only; the text format has no units, so nothing is written).</summary>
    public void WriteUnit(string metricName, string unit)
    {
        if (!IsOpenMetrics) return;
        output.Write("# UNIT ");
        output.Write(metricName);
        output.Write(' ');
        output.Write(unit);
        output.Write('\n');
    }

    /// <summary>Writes a sample of a series given by all its labels, <c>__name__</c> included.</summary>
    public void WriteSample(Labels series, double value, long? timestampMs = null, Exemplar? exemplar = null)
    {
        var labels = new List<Label>(series.Count);
        foreach (var label in series)
        {
            if (label.Name != Labels.MetricName) labels.Add(label);
        }
        WriteSample(series.MetricNameValue, labels, value, timestampMs, exemplar);
    }

    /// <summary>Writes a sample; <paramref name="labels"/> exclude the metric name. Exemplars are written in OpenMetrics only.</summary>
    public void WriteSample(string metricName, IReadOnlyList<Label> labels, double value, long? timestampMs = null, Exemplar? exemplar = null)
    {
        output.Write(metricName);
        if (labels.Count > 0) WriteLabelSet(labels);
        output.Write(' ');
        WriteFloat(value);
        if (timestampMs is { } timestamp)
        {
            output.Write(' ');
            if (IsOpenMetrics) WriteSeconds(timestamp);
            else output.Write(timestamp.ToString(CultureInfo.InvariantCulture));
        }
        if (exemplar is { } e && IsOpenMetrics)
        {
            output.Write(" # ");
            WriteLabelSet(e.Labels);
            output.Write(' ');
            WriteFloat(e.Value);
            if (e.TimestampMs is { } exemplarTimestamp)
            {
                output.Write(' ');
                WriteSeconds(exemplarTimestamp);
            }
        }
        output.Write('\n');
    }

    /// <summary>Ends the exposition: <c># EOF</c> in OpenMetrics, nothing in the text format.</summary>
    public void WriteEof()
    {
        if (IsOpenMetrics) output.Write("# EOF\n");
    }

    private void WriteLabelSet(IReadOnlyList<Label> labels)
    {
        output.Write('{');
        for (int i = 0; i < labels.Count; i++)
        {
            if (i > 0) output.Write(',');
            output.Write(labels[i].Name);
            output.Write("=\"");
            EscapedText.Escape(output, labels[i].Value, escapeQuote: true);
            output.Write('"');
        }
        output.Write('}');
    }

    private void WriteFloat(double value)
    {
        Span<byte> utf8 = stackalloc byte[FloatText.MaxFormattedLength];
        int length = FloatText.Format(value, utf8);
        Span<char> chars = stackalloc char[FloatText.MaxFormattedLength];
        System.Text.Ascii.ToUtf16(utf8[..length], chars, out int written);
        output.Write(chars[..written]);
    }

    /// <summary>Milliseconds as exact decimal seconds: 1500 is "1.5", -1 is "-0.001".</summary>
    private void WriteSeconds(long milliseconds)
    {
        var magnitude = (ulong)Math.Abs((decimal)milliseconds);
        if (milliseconds < 0) output.Write('-');
        output.Write((magnitude / 1000).ToString(CultureInfo.InvariantCulture));
        var fraction = magnitude % 1000;
        if (fraction == 0) return;
        output.Write('.');
        output.Write(fraction.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0'));
    }

    private string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        MetricType.Summary => "summary",
        MetricType.GaugeHistogram when IsOpenMetrics => "gaugehistogram",
        MetricType.StateSet when IsOpenMetrics => "stateset",
        MetricType.Info when IsOpenMetrics => "info",
        _ => IsOpenMetrics ? "unknown" : "untyped",
    };
}
