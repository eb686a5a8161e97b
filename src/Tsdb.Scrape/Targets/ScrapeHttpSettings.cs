namespace Tsdb.Scrape.Targets;

/// <summary>
/// How a scrape reaches its target over HTTP: authentication, TLS and redirects. Filled from a scrape
/// config's <c>basic_auth</c>, <c>authorization</c>/<c>bearer_token</c>, <c>tls_config</c> and
/// <c>follow_redirects</c>. At most one of basic auth and a bearer token may be set.
/// </summary>
public sealed record ScrapeHttpSettings
{
    public static readonly ScrapeHttpSettings Default = new();

    public BasicAuthSettings? BasicAuth { get; init; }

    public string? BearerToken { get; init; }

    /// <summary>The scheme sent with the token in the Authorization header (<c>authorization.type</c>).</summary>
    public string AuthorizationType { get; init; } = "Bearer";

    /// <summary>A file holding the bearer token, read again at every scrape.</summary>
    public string? BearerTokenFile { get; init; }

    public TlsSettings? Tls { get; init; }

    public bool FollowRedirects { get; init; } = true;
}
