using System.Globalization;
using System.Text.Json.Nodes;

namespace Tsdb.Server.Tests.RemoteWrite;

/// <summary>
/// Compares what a remote-write client says it sent with what our server answers through its HTTP query API,
/// and reads counters out of a Prometheus text exposition.
/// </summary>
internal static class SentVersusStored
{
    /// <summary>How many samples of <paramref name="selector"/> the server holds: the values of a range query over the last hour.</summary>
    public static async Task<long> CountSamplesAsync(HttpClient server, string selector)
    {
        // A little ahead of now, so that a client clock a hair ahead of ours still falls inside the window.
        var at = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds();
        var body = await GetDataAsync(server, $"/api/v1/query?query={Uri.EscapeDataString(selector + "[1h]")}&time={at}");
        Assert.Equal("matrix", (string?)body["resultType"]);
        return body["result"]!.AsArray().Sum(series => (long)series!["values"]!.AsArray().Count);
    }

    /// <summary>The metric names of every series matching <paramref name="selector"/>, from <c>/api/v1/series</c>.</summary>
    public static async Task<HashSet<string>> SeriesNamesAsync(HttpClient server, string selector)
    {
        var body = await GetDataAsync(server, $"/api/v1/series?match[]={Uri.EscapeDataString(selector)}");
        return body.AsArray().Select(series => (string)series!["__name__"]!).ToHashSet();
    }

    private static async Task<JsonNode> GetDataAsync(HttpClient server, string pathAndQuery)
    {
        using var response = await server.GetAsync(pathAndQuery);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["data"]!;
    }

    /// <summary>The text exposition at <paramref name="url"/>, or null while nothing listens there yet.</summary>
    public static async Task<string?> TryGetExpositionAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return await http.GetStringAsync(url);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// The sum of every sample of metric <paramref name="name"/> (any labels) in a text exposition; 0 when absent.
    /// A name followed by a label set, written as the exposition writes it, picks that one series.
    /// </summary>
    public static double Sum(string exposition, string name)
    {
        double sum = 0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(name, StringComparison.Ordinal)) continue;
            if (line.Length == name.Length || (line[name.Length] != '{' && line[name.Length] != ' ')) continue;
            sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return sum;
    }

    /// <summary>The metric names in a text exposition, as they appear on sample lines (histogram and summary suffixes included).</summary>
    public static HashSet<string> MetricNames(string exposition) =>
        exposition.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet();
}
