using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tsdb.Scrape.Parsing;
using Tsdb.Scrape.Targets;

namespace Tsdb.Scrape.Scraping;

/// <summary>
/// The HTTP side of scraping one target: a client built from the target's <see cref="ScrapeHttpSettings"/>
/// and the request Prometheus sends (Accept, Accept-Encoding: gzip, X-Prometheus-Scrape-Timeout-Seconds,
/// credentials). Bodies are left compressed: the loop decodes gzip itself while streaming.
/// </summary>
internal sealed class ScrapeHttpClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly ScrapeTarget _target;
    private readonly string _timeoutSeconds;

    public ScrapeHttpClient(ScrapeTarget target)
    {
        _target = target;
        _timeoutSeconds = target.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        _client = new HttpClient(CreateHandler(target.Http), disposeHandler: true)
        {
            // The loop enforces the scrape timeout with a cancellation token.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Sends the scrape request and returns once the response headers are in.</summary>
    public async Task<HttpResponseMessage> SendAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _target.Url);
        request.Headers.TryAddWithoutValidation("Accept", ContentNegotiation.AcceptHeader);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", _timeoutSeconds);
        request.Headers.Authorization = await AuthorizationAsync(cancellationToken).ConfigureAwait(false);
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    // Secrets in files are read at every scrape so that a rotated credential is used without a reload.
    private async Task<AuthenticationHeaderValue?> AuthorizationAsync(CancellationToken cancellationToken)
    {
        var http = _target.Http;
        if (http.BasicAuth is { } basic)
        {
            string password = basic.PasswordFile is null
                ? basic.Password ?? ""
                : (await File.ReadAllTextAsync(basic.PasswordFile, cancellationToken).ConfigureAwait(false)).Trim();
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.Username}:{password}"));
            return new AuthenticationHeaderValue("Basic", credentials);
        }
        if (http.BearerTokenFile is not null)
        {
            var token = await File.ReadAllTextAsync(http.BearerTokenFile, cancellationToken).ConfigureAwait(false);
            return new AuthenticationHeaderValue(http.AuthorizationType, token.Trim());
        }
        return http.BearerToken is null ? null : new AuthenticationHeaderValue(http.AuthorizationType, http.BearerToken);
    }

    private static SocketsHttpHandler CreateHandler(ScrapeHttpSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = settings.FollowRedirects,
            UseCookies = false,
            // Scrapes go straight to the target: no proxy from the environment.
            UseProxy = false,
        };
        if (settings.Tls is { } tls) handler.SslOptions = CreateSslOptions(tls);
        return handler;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(TlsSettings tls)
    {
        var options = new SslClientAuthenticationOptions();
        if (tls.ServerName is not null) options.TargetHost = tls.ServerName;
        if (tls.CertFile is not null)
        {
            if (tls.KeyFile is null) throw new ArgumentException($"tls_config: cert_file {tls.CertFile} needs a key_file");
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile)];
        }
        if (tls.InsecureSkipVerify)
        {
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (tls.CaFile is not null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(tls.CaFile);
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(authorities);
        }
        return options;
    }
}
