namespace Tsdb.Scrape.Targets;

/// <summary>
/// TLS options of a scrape: a CA bundle (PEM) to trust instead of the system store, a client certificate
/// and key (PEM), the server name to verify, and whether to skip verification altogether.
/// </summary>
public sealed record TlsSettings
{
    public string? CaFile { get; init; }

    public string? CertFile { get; init; }

    public string? KeyFile { get; init; }

    /// <summary>The name to expect in the server's certificate; the URL's host when null.</summary>
    public string? ServerName { get; init; }

    public bool InsecureSkipVerify { get; init; }
}
