namespace Tsdb.Scrape.Parsing;

/// <summary>The scrape request's Accept header and the choice of parser from the response's Content-Type.</summary>
public static class ContentNegotiation
{
    /// <summary>
    /// What Prometheus 2.x sends when scraping (without protobuf negotiation): OpenMetrics preferred,
    /// the text format next, anything else last.
    /// </summary>
    public const string AcceptHeader =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75," +
        "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    /// <summary>
    /// OpenMetrics when the media type is <c>application/openmetrics-text</c> (parameters ignored,
    /// case-insensitive); the Prometheus text format for anything else, a missing header included,
    /// as Prometheus does.
    /// </summary>
    public static ExpositionFormat FormatFromContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return ExpositionFormat.PrometheusText;
        var mediaType = contentType.AsSpan();
        int semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0) mediaType = mediaType[..semicolon];
        return mediaType.Trim().Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.PrometheusText;
    }
}
