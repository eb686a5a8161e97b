using System.Globalization;
using System.Text.Json;

namespace Tsdb.Load.Queries;

/// <summary>
/// The part of the Prometheus HTTP API the tool needs, spoken the same way to every system: instant and range
/// queries as form POSTs to /api/v1/query and /api/v1/query_range.
/// </summary>
public sealed class PromApiClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>The sum of an instant query's samples (0 when it has none); throws when the answer is not a vector.</summary>
    public async Task<double> InstantSumAsync(string query, long timeMs, CancellationToken cancellationToken)
    {
        using var json = await PostAsync("api/v1/query", [new("query", query), new("time", Seconds(timeMs))], query, cancellationToken);
        var data = json.RootElement.GetProperty("data");
        if (data.GetProperty("resultType").GetString() != "vector")
            throw new InvalidDataException($"query {query} gave a {data.GetProperty("resultType")}, expected a vector");
        double sum = 0;
        foreach (var sample in data.GetProperty("result").EnumerateArray())
            sum += double.Parse(sample.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        return sum;
    }

    /// <summary>Runs a range query and returns how many series its matrix holds.</summary>
    public async Task<int> RangeSeriesCountAsync(string query, long startMs, long endMs, TimeSpan step, CancellationToken cancellationToken)
    {
        using var json = await PostAsync("api/v1/query_range",
            [new("query", query), new("start", Seconds(startMs)), new("end", Seconds(endMs)), new("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture))],
            query, cancellationToken);
        var data = json.RootElement.GetProperty("data");
        if (data.GetProperty("resultType").GetString() != "matrix")
            throw new InvalidDataException($"range query {query} gave a {data.GetProperty("resultType")}, expected a matrix");
        return data.GetProperty("result").GetArrayLength();
    }

    private async Task<JsonDocument> PostAsync(string path, KeyValuePair<string, string>[] form, string query, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await _client.PostAsync(path, content, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidDataException($"{path} {query}: HTTP {(int)response.StatusCode}: {Shorten(body)}");
        var json = JsonDocument.Parse(body);
        if (json.RootElement.GetProperty("status").GetString() != "success")
        {
            json.Dispose();
            throw new InvalidDataException($"{path} {query}: {Shorten(body)}");
        }
        return json;
    }

    private static string Seconds(long ms) => (ms / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 300 ? text.Trim() : text[..300] + "...";

    public void Dispose() => _client.Dispose();
}
