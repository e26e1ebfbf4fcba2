using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

internal static class AccountsExtensions
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string AccessDeniedPath = "/account/denied";

    /// <summary>
    /// Cookie sign-in for pages (the default scheme), API keys for <c>/api</c> (the "ApiKey" scheme, never the
    /// cookie), the <see cref="Policies"/>, the limits on password guessing (per client address here, per account in
    /// the account grain), and the start-up check that an admin exists. Call after UseOrleans.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountsOptions>()
            .Bind(configuration.GetSection(AccountsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SignInLimitOptions>()
            .Bind(configuration.GetSection(SignInLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Read by the account grains, which run in this process's silo.
        services.AddOptions<SignInThrottleOptions>()
            .Bind(configuration.GetSection(SignInThrottleOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SignInAddressLimiter>();

        // One key ring and one application name for the whole cluster, or a cookie from one node fails on the next.
        // Data Protection's start-up service is registered here, after the silo's, so the grain is reachable then.
        services.AddDataProtection().SetApplicationName("SupplierQuality");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IGrainFactory, ISiloStatusOracle>((o, grains, silo) => o.XmlRepository = new GrainXmlRepository(grains, silo));

        services.AddSingleton<AccountCookieEvents>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "sq.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // Secure on https, including https a listed proxy forwarded; in Production always (Hosting/PublicAddress).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.LogoutPath = SignOutPath;
                o.AccessDeniedPath = AccessDeniedPath;
                o.EventsType = typeof(AccountCookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AccountsOptions>>((cookie, accounts) => cookie.ExpireTimeSpan = accounts.Value.SessionIdleTimeout);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => Page(p))
            .AddPolicy(Policies.ChangeOwnPassword, p => p
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(Policies.ManageSuppliersAndSurveys, p => Page(p).RequireRole(Roles.QualityManager, Roles.Admin))
            .AddPolicy(Policies.Admin, p => Page(p).RequireRole(Roles.Admin))
            .AddPolicy(Policies.ApiRead, p => Api(p))
            .AddPolicy(Policies.ApiWrite, p => Api(p).RequireRole(Roles.QualityManager, Roles.Admin))
            .AddPolicy(Policies.ApiAdmin, p => Api(p).RequireRole(Roles.Admin));

        services.AddHostedService<AccountsStartupService>();
        return services;
    }

    /// <summary>
    /// Signed in with the cookie, and not holding a one-time password (until it is changed only the
    /// change-password page, <see cref="Policies.ChangeOwnPassword"/>, is open).
    /// </summary>
    private static AuthorizationPolicyBuilder Page(AuthorizationPolicyBuilder policy) => policy
        .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(c => !c.User.MustChangePasswordNow());

    /// <summary>
    /// Only the API key scheme: a browser's cookie never authenticates an API call, so the API has no CSRF surface.
    /// </summary>
    private static AuthorizationPolicyBuilder Api(AuthorizationPolicyBuilder policy) => policy
        .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser();
}
