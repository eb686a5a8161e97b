namespace Tsdb.Scrape.Configuration;

/// <summary>How to reach an HTTP endpoint: authentication and TLS, as in Prometheus's common HTTP client config.</summary>
public sealed record HttpClientConfig
{
    public BasicAuth? BasicAuth { get; init; }

    /// <summary>Also set from <c>bearer_token</c>/<c>bearer_token_file</c>, which Prometheus turns into a Bearer authorization.</summary>
    public Authorization? Authorization { get; init; }

    public TlsConfig Tls { get; init; } = new();
    public Uri? ProxyUrl { get; init; }
    public bool FollowRedirects { get; init; } = true;
    public bool EnableHttp2 { get; init; } = true;
}

/// <summary>Password files are absolute paths after loading (resolved against the config file's directory).</summary>
public sealed record BasicAuth(string Username, string Password, string PasswordFile);

/// <summary>The Authorization header: type ("Bearer" by default) and credentials inline or from a file.</summary>
public sealed record Authorization(string Type, string Credentials, string CredentialsFile);

public sealed record TlsConfig
{
    public string CaFile { get; init; } = "";
    public string CertFile { get; init; } = "";
    public string KeyFile { get; init; } = "";
    public string ServerName { get; init; } = "";
    public bool InsecureSkipVerify { get; init; }
}
