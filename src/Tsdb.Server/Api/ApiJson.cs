using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tsdb.Query.Engine;
using Tsdb.Storage;

namespace Tsdb.Server.Api;

/// <summary>
/// The JSON of the HTTP API as Prometheus writes it: the <c>status</c>/<c>data</c>/<c>warnings</c> envelope,
/// sample values as strings in Go's shortest decimal form, timestamps as seconds (JSON numbers).
/// </summary>
public static class ApiJson
{
    public const string ContentType = "application/json";

    /// <summary>Like Go's encoder, leaves non-ASCII text as UTF-8 rather than \u escapes.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Written bytes after which the writer's "send so far" function hands them to the connection: large enough
    /// that a 70 MB answer takes a few hundred sends, not a thousand, and well below the 1 MiB Kestrel may hold.
    /// </summary>
    private const int SendThreshold = 256 * 1024;

    public static async Task WriteSuccessAsync(HttpResponse response, Func<Utf8JsonWriter, Func<ValueTask>, ValueTask> writeData,
        IReadOnlyList<string>? warnings = null)
    {
        response.StatusCode = 200;
        response.ContentType = ContentType;
        await using var json = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        long sent = 0;
        async ValueTask SendSoFar()
        {
            long written = json.BytesCommitted + json.BytesPending;
            if (written - sent < SendThreshold) return;
            json.Flush();
            await response.BodyWriter.FlushAsync();
            sent = written;
        }
        json.WriteStartObject();
        json.WriteString("status", "success");
        json.WritePropertyName("data");
        await writeData(json, SendSoFar);
        WriteWarnings(json, warnings);
        json.WriteEndObject();
    }

    public static async Task WriteErrorAsync(HttpResponse response, ApiError error, IReadOnlyList<string>? warnings = null)
    {
        response.StatusCode = error.StatusCode;
        response.ContentType = ContentType;
        await using var json = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        json.WriteStartObject();
        json.WriteString("status", "error");
        json.WriteString("errorType", error.ErrorType);
        json.WriteString("error", error.Message);
        WriteWarnings(json, warnings);
        json.WriteEndObject();
    }

    private static void WriteWarnings(Utf8JsonWriter json, IReadOnlyList<string>? warnings)
    {
        if (warnings is not { Count: > 0 }) return;
        json.WriteStartArray("warnings");
        foreach (var w in warnings) json.WriteStringValue(w);
        json.WriteEndArray();
    }

    /// <summary>
    /// Milliseconds as seconds in the shortest form that reads back the same (1500 is 1.5): whole seconds, then
    /// the milliseconds without trailing zeros, written from the integer so nothing is allocated.
    /// </summary>
    public static void WriteTimestamp(Utf8JsonWriter json, long milliseconds)
    {
        Span<byte> text = stackalloc byte[GoFloatText.MaxPlainLength];
        json.WriteRawValue(text[..FormatTimestamp(milliseconds, text)], skipInputValidation: true);
    }

    /// <summary>What <see cref="WriteTimestamp"/> writes, into <paramref name="destination"/>; returns the length.</summary>
    internal static int FormatTimestamp(long milliseconds, Span<byte> destination)
    {
        if (milliseconds < 0) return GoFloatText.FormatPlainUtf8(milliseconds / 1000.0, destination);
        long seconds = Math.DivRem(milliseconds, 1000, out long fraction);
        int length = DecimalDigits.Write((ulong)seconds, destination);
        if (fraction == 0) return length;
        destination[length++] = (byte)'.';
        int digits = fraction % 100 == 0 ? 1 : fraction % 10 == 0 ? 2 : 3;
        long scaled = digits == 1 ? fraction / 100 : digits == 2 ? fraction / 10 : fraction;
        DecimalDigits.Write((ulong)scaled, digits, destination[length..]);
        return length + digits;
    }

    /// <summary>strconv.FormatFloat(v, 'f', -1, 64): "NaN", "+Inf", "-Inf" or plain decimal digits.</summary>
    public static void WriteSampleValue(Utf8JsonWriter json, double value)
    {
        Span<byte> text = stackalloc byte[GoFloatText.MaxPlainLength];
        int length = GoFloatText.FormatPlainUtf8(value, text);
        json.WriteStringValue(text[..length]);
    }

    /// <summary>A label set as an object in label order.</summary>
    public static void WriteLabels(Utf8JsonWriter json, Labels labels)
    {
        json.WriteStartObject();
        foreach (var label in labels) json.WriteString(label.Name, label.Value);
        json.WriteEndObject();
    }

    public static void WriteStrings(Utf8JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray();
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    /// <summary>
    /// The <c>{"resultType":..., "result":...}</c> object of a query answer, awaiting <paramref name="sendSoFar"/>
    /// after each sample of a vector and each series of a matrix. A range query's answer passes the
    /// <paramref name="stepPrefixes"/> of its steps.
    /// </summary>
    public static async ValueTask WriteQueryDataAsync(Utf8JsonWriter json, QueryValue value, Func<ValueTask> sendSoFar,
        StepPointPrefixes? stepPrefixes = null)
    {
        json.WriteStartObject();
        json.WriteString("resultType", value.TypeName);
        json.WritePropertyName("result");
        switch (value)
        {
            case Scalar s:
                WritePoint(json, s.T, s.F);
                break;
            case StringValue s:
                json.WriteStartArray();
                WriteTimestamp(json, s.T);
                json.WriteStringValue(s.Value);
                json.WriteEndArray();
                break;
            case Vector v:
                json.WriteStartArray();
                foreach (var sample in v.Samples)
                {
                    json.WriteStartObject();
                    json.WritePropertyName("metric");
                    WriteLabels(json, sample.Metric);
                    json.WritePropertyName("value");
                    WritePoint(json, sample.T, sample.F);
                    json.WriteEndObject();
                    await sendSoFar();
                }
                json.WriteEndArray();
                break;
            case Matrix m:
                json.WriteStartArray();
                foreach (var series in m.Series)
                {
                    json.WriteStartObject();
                    json.WritePropertyName("metric");
                    WriteLabels(json, series.Metric);
                    json.WritePropertyName("values");
                    PointsJson.Write(json, CollectionsMarshal.AsSpan(series.Points), stepPrefixes);
                    json.WriteEndObject();
                    await sendSoFar();
                }
                json.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"unknown query value {value.GetType().Name}", nameof(value));
        }
        json.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter json, long t, double f)
    {
        json.WriteStartArray();
        WriteTimestamp(json, t);
        WriteSampleValue(json, f);
        json.WriteEndArray();
    }
}
