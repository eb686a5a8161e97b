using System.Text.RegularExpressions;
using Tsdb.Storage;

namespace Tsdb.Server.Api;

/// <summary><c>/api/v1/series</c>, <c>/api/v1/labels</c> and <c>/api/v1/label/&lt;name&gt;/values</c>.</summary>
public static partial class SeriesApi
{
    public static void MapSeriesApi(this IEndpointRouteBuilder endpoints, ApiServices services)
    {
        endpoints.MapApi("/api/v1/series", services, SeriesAsync);
        endpoints.MapApi("/api/v1/labels", services, LabelNamesAsync);
        endpoints.MapApi("/api/v1/label/{name}/values", services, LabelValuesAsync, postToo: false);
    }

    private static Task<ApiAnswer> SeriesAsync(ApiRequest request, ApiServices services, HttpContext context)
    {
        var selectors = request.GetAll("match[]");
        if (selectors.Count == 0) throw new ApiException(ApiError.BadData("no match[] parameter provided"));
        long start = request.TimeParam("start", ApiRequest.MinTime);
        long end = request.TimeParam("end", ApiRequest.MaxTime);
        List<Matcher[]> matcherSets;
        try
        {
            matcherSets = ApiRequest.ParseMatchers(selectors);
        }
        catch (ApiException e)
        {
            throw new ApiException(ApiError.InvalidParameter("match[]", e.Error.Message));
        }
        var found = new SortedSet<Labels>();
        using (var querier = services.Head.Querier(start, end))
        {
            foreach (var matchers in matcherSets)
            {
                var set = querier.Select(matchers);
                while (set.MoveNext()) found.Add(set.Current.Labels);
            }
        }
        return ApiAnswer.Of(json =>
        {
            json.WriteStartArray();
            foreach (var labels in found) ApiJson.WriteLabels(json, labels);
            json.WriteEndArray();
        });
    }

    private static Task<ApiAnswer> LabelNamesAsync(ApiRequest request, ApiServices services, HttpContext context)
    {
        long start = request.TimeParam("start", ApiRequest.MinTime);
        long end = request.TimeParam("end", ApiRequest.MaxTime);
        var matcherSets = ApiRequest.ParseMatchers(request.GetAll("match[]"));
        int limit = Limit(request);
        var names = Collect(services, start, end, matcherSets, static (q, m) => q.LabelNames(m));
        return ApiAnswer.Of(json => ApiJson.WriteStrings(json, names.Take(limit)));
    }

    private static Task<ApiAnswer> LabelValuesAsync(ApiRequest request, ApiServices services, HttpContext context)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        if (!LabelNamePattern().IsMatch(name))
            throw new ApiException(ApiError.BadData($"invalid label name: \"{name}\""));
        long start = request.TimeParam("start", ApiRequest.MinTime);
        long end = request.TimeParam("end", ApiRequest.MaxTime);
        var matcherSets = ApiRequest.ParseMatchers(request.GetAll("match[]"));
        int limit = Limit(request);
        var values = Collect(services, start, end, matcherSets, (q, m) => q.LabelValues(name, m));
        return ApiAnswer.Of(json => ApiJson.WriteStrings(json, values.Take(limit)));
    }

    /// <summary>The union of one lookup over every matcher set (or over all series when there is none), sorted.</summary>
    private static SortedSet<string> Collect(ApiServices services, long start, long end, List<Matcher[]> matcherSets,
        Func<IQuerier, Matcher[], IReadOnlyList<string>> lookup)
    {
        var all = new SortedSet<string>(StringComparer.Ordinal);
        using var querier = services.Head.Querier(start, end);
        if (matcherSets.Count == 0) all.UnionWith(lookup(querier, []));
        foreach (var matchers in matcherSets) all.UnionWith(lookup(querier, matchers));
        return all;
    }

    /// <summary>
    /// The optional <c>limit</c> of later Prometheus versions (2.42 ignores it): the most names or values
    /// returned, the first ones in sorted order.
    /// </summary>
    private static int Limit(ApiRequest request)
    {
        var text = request.Get("limit");
        if (text.Length == 0) return int.MaxValue;
        if (!int.TryParse(text, out int limit)) throw new ApiException(ApiError.InvalidParameter("limit", "limit must be a number"));
        if (limit <= 0) throw new ApiException(ApiError.InvalidParameter("limit", "limit must be positive"));
        return limit;
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelNamePattern();
}
