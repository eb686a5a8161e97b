namespace Tsdb.Server.Api;

/// <summary><c>/api/v1/metadata</c>: type, help and unit per metric name, optionally for one metric and at most <c>limit</c> metrics.</summary>
public static class MetadataApi
{
    public static void MapMetadataApi(this IEndpointRouteBuilder endpoints, ApiServices services)
    {
        endpoints.MapApi("/api/v1/metadata", services, (request, s, _) =>
        {
            int limit = -1;
            var limitText = request.Get("limit");
            if (limitText.Length > 0 && !int.TryParse(limitText, out limit))
                throw new ApiException(ApiError.BadData("limit must be a number"));
            var metric = request.Get("metric");
            var metadata = s.Metadata.Metadata();
            var names = metadata.Keys.Where(n => metric.Length == 0 || n == metric).Order(StringComparer.Ordinal).ToList();
            // As in Prometheus, a zero or negative limit means no limit.
            if (limit > 0) names = names.Take(limit).ToList();
            return ApiAnswer.Of(json =>
            {
                json.WriteStartObject();
                foreach (var name in names)
                {
                    json.WriteStartArray(name);
                    foreach (var m in metadata[name])
                    {
                        json.WriteStartObject();
                        json.WriteString("type", MetricTypeNames.Of(m.Type));
                        json.WriteString("help", m.Help);
                        json.WriteString("unit", m.Unit);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            });
        });
    }
}
