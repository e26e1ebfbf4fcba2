using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace SupplierQuality.Benchmarks.Client;

/// <summary>
/// The TLS proxy in front of a production node, as the node sees it: every request comes from 127.0.0.1, a proxy the
/// node is told to believe, with X-Forwarded-Proto https and the public host, and X-Forwarded-For naming the client.
/// So the node runs in Production as deployed (Secure cookies, only its public host served), and each supplier's
/// flow comes from an address of its own, as in real life, for the form's per-address rate limit.
/// </summary>
internal static class PublicProxy
{
    public const string Host = "survey.bench.example";

    public static Uri PublicBaseUrl { get; } = new($"https://{Host}");

    /// <summary>What the node needs to know about the proxy and its public address.</summary>
    public static IReadOnlyDictionary<string, string?> NodeSettings { get; } = new Dictionary<string, string?>
    {
        ["Campaigns:PublicBaseUrl"] = PublicBaseUrl.ToString(),
        ["Node:ForwardedHeaders:KnownProxies"] = "127.0.0.1",
    };

    /// <summary>Adds what the proxy adds to each request; <paramref name="client"/> is the address the request came from.</summary>
    public static void Forward(HttpRequestHeaders headers, string? client = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Add("X-Forwarded-Proto", "https");
        headers.Add("X-Forwarded-Host", Host);
        if (client is not null)
        {
            headers.Add("X-Forwarded-For", client);
        }
    }

    /// <summary>A distinct private address for the <paramref name="number"/>th client (1 to 16 million).</summary>
    public static string ClientAddress(long number) =>
        string.Create(CultureInfo.InvariantCulture, $"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}");

    /// <summary>A request's path and query, whether the node wrote a redirect as a path or as a public URL.</summary>
    public static Uri Local(Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsAbsoluteUri ? new Uri(location.PathAndQuery, UriKind.Relative) : location;
    }

    /// <summary>
    /// A browser's cookie jar behind the proxy: cookies are kept and sent as for the public https address (they are
    /// Secure), while the requests go to the node over loopback HTTP.
    /// </summary>
    internal sealed class CookieJar() : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            var address = new Uri(PublicBaseUrl, request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString);
            var header = _cookies.GetCookieHeader(address);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    _cookies.SetCookies(address, value);
                }
            }

            return response;
        }
    }
}
