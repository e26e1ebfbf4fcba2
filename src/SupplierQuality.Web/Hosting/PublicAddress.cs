using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SupplierQuality.Grains.Campaigns;
using IPNetwork = System.Net.IPNetwork;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// The address people reach this site at, when a TLS proxy stands in front of the node. X-Forwarded-For, -Proto and
/// -Host are believed from the proxies listed in <c>Node:ForwardedHeaders</c> and from nobody else, so rate limits
/// count the real client, cookies are Secure and HSTS is sent when the browser used https, and redirects name the
/// public host. Only the allowed host names are served (<c>AllowedHosts</c>; in Production, without it, the host of
/// <c>Campaigns:PublicBaseUrl</c>), so a forged Host never reaches a link or a redirect. In Production every cookie
/// is Secure, whatever the proxy says.
/// </summary>
internal static class PublicAddress
{
    public const string SectionName = "Node:ForwardedHeaders";

    /// <summary>The key ASP.NET reads its own host list from: hosts separated by ';'.</summary>
    public const string AllowedHostsKey = "AllowedHosts";

    // ASPNETCORE_FORWARDEDHEADERS_ENABLED: the framework's switch, which believes forwarded headers from anyone.
    private const string FrameworkSwitchKey = "ForwardedHeaders_Enabled";

    public static WebApplicationBuilder AddPublicAddress(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var production = builder.Environment.IsProduction();
        var problems = new List<string>();
        var proxies = ReadList(configuration.GetSection($"{SectionName}:KnownProxies"))
            .Select(p => ParseProxy(p, problems)).OfType<IPAddress>().ToList();
        var networks = ReadList(configuration.GetSection($"{SectionName}:KnownNetworks"))
            .Select(n => ParseNetwork(n, problems)).OfType<IPNetwork>().ToList();
        if (configuration.GetValue<bool>(FrameworkSwitchKey))
        {
            problems.Add("ASPNETCORE_FORWARDEDHEADERS_ENABLED (ForwardedHeaders_Enabled) believes X-Forwarded-* headers from any "
                + $"client: unset it and list the proxies in {SectionName}:KnownProxies or {SectionName}:KnownNetworks.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The node will not start: " + string.Join(" ", problems));
        }

        var hosts = AllowedHosts(configuration, production);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

            // Read right to left while each hop is a listed proxy: the first address that is not one is the client, and
            // whatever it wrote further left is not believed. One proxy or a chain of listed ones, without a count to keep.
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            o.AllowedHosts = [.. hosts];
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);

        // The framework's own host filter runs first of all, on the Host header as the proxy sent it, and on health probes
        // too; it is left open, and the check is made here, after the forwarded headers.
        builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = ["*"]);

        // First of all startup filters, so everything after it, the framework's included, sees the public address.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(
            new StartupFilter(proxies.Count + networks.Count > 0, !builder.Environment.IsDevelopment(), hosts)));
        return builder;
    }

    /// <summary>
    /// The host names served: <c>AllowedHosts</c> when set; else in Production the host of Campaigns:PublicBaseUrl,
    /// elsewhere any. Empty means any.
    /// </summary>
    public static IReadOnlyList<string> AllowedHosts(IConfiguration configuration, bool production)
    {
        var configured = Split(configuration[AllowedHostsKey]);
        if (configured.Count > 0)
        {
            return configured.Contains("*") ? [] : configured;
        }

        return production && PublicBaseUrl(configuration) is { } publicUrl ? [publicUrl.Host] : [];
    }

    public static Uri? PublicBaseUrl(IConfiguration configuration) =>
        Uri.TryCreate(configuration[$"{CampaignOptions.Section}:{nameof(CampaignOptions.PublicBaseUrl)}"], UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Whether <paramref name="host"/> is one of <paramref name="allowed"/>, with the framework's matching (wildcards, punycode).</summary>
    public static bool Allows(IReadOnlyList<string> allowed, string host) =>
        allowed.Count == 0 || HostString.MatchesAny(new StringSegment(host), [.. allowed.Select(a => new StringSegment(a))]);

    /// <summary>A list as configuration items (<c>KnownProxies:0</c>, ...) or as one value separated by commas, as environment variables give it.</summary>
    private static IEnumerable<string> ReadList(IConfigurationSection section) =>
        Split(section.Value).Concat(section.GetChildren().SelectMany(c => Split(c.Value)));

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static IPAddress? ParseProxy(string text, List<string> problems)
    {
        if (TryParseAddress(text, out var address))
        {
            return address;
        }

        problems.Add($"{SectionName}:KnownProxies has '{text}', which is not an IP address: write the address the proxy connects "
            + $"to this node from (for example 10.0.0.5), or a network in {SectionName}:KnownNetworks.");
        return null;
    }

    private static IPNetwork? ParseNetwork(string text, List<string> problems)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPNetwork.TryParse(text, out var network) || !TryParseAddress(text[..slash], out var start))
        {
            problems.Add($"{SectionName}:KnownNetworks has '{text}', which is not a network in CIDR notation (for example 10.0.0.0/8); "
                + $"a single proxy goes in {SectionName}:KnownProxies.");
            return null;
        }

        if (network.PrefixLength == 0)
        {
            problems.Add($"{SectionName}:KnownNetworks has '{text}', which is every address: any client could then choose the address "
                + "the rate limits count and claim https. List the network the proxies are in.");
            return null;
        }

        if (!start.Equals(network.BaseAddress))
        {
            problems.Add($"{SectionName}:KnownNetworks has '{text}', whose address has bits set past its /{network.PrefixLength} prefix: "
                + $"write {network} for the whole network, or put {start} in {SectionName}:KnownProxies.");
            return null;
        }

        return network;
    }

    // IPAddress.TryParse also takes "10" for 0.0.0.10 and "10.1" for 10.0.0.1: in a list of proxies those are typos.
    private static bool TryParseAddress(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address) =>
        IPAddress.TryParse(text, out address)
        && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || text.Count(c => c == '.') == 3);

    /// <summary>Forwarded headers (only when a proxy is listed: with none, the framework would believe anyone), HSTS, the cookie policy, the host check.</summary>
    private sealed class StartupFilter(bool trustsProxies, bool hsts, IReadOnlyList<string> hosts) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (trustsProxies)
            {
                app.UseForwardedHeaders();
            }

            if (hsts)
            {
                app.UseHsts();
            }

            app.UseCookiePolicy();
            if (hosts.Count > 0)
            {
                // Health probes call a node by its own address; they get no links or redirects, so any host may ask.
                var monitor = new OptionsMonitor<HostFilteringOptions>(
                    new OptionsFactory<HostFilteringOptions>([new ConfigureOptions<HostFilteringOptions>(o => o.AllowedHosts = [.. hosts])], []),
                    [],
                    new OptionsCache<HostFilteringOptions>());
                app.UseWhen(
                    c => !c.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase),
                    checkHost => checkHost.UseMiddleware<HostFilteringMiddleware>(monitor));
            }

            next(app);
        };
    }
}
