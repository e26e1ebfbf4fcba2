using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Web.Invitations;

internal static class InvitationsExtensions
{
    /// <summary>The path every supplier link starts with.</summary>
    public const string SurveyPath = "/s";

    /// <summary>The unsubscribe link in every survey email; it carries the same token, so it gets the same protection.</summary>
    public const string UnsubscribePath = "/u";

    /// <summary>
    /// The supplier form's options, its rate limit (a global limiter that only counts requests under
    /// <see cref="SurveyPath"/> and <see cref="UnsubscribePath"/>, partitioned by client address (<see cref="ClientAddressKey"/>);
    /// <c>app.UseRateLimiter()</c> applies it) and its response headers: no referrer (the token is in the URL) and no
    /// caching (answers are personal).
    /// </summary>
    public static IServiceCollection AddInvitations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SurveyRateLimitOptions>()
            .Bind(configuration.GetSection(SurveyRateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SurveyRateLimitOptions>>((o, limit) =>
        {
            var (permits, window) = (limit.Value.PermitLimit, limit.Value.Window);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSurvey(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        ClientAddressKey.For(context.Connection.RemoteIpAddress),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });

        services.AddTransient<IStartupFilter, SurveyHeadersStartupFilter>();
        services.AddMemoryCache();
        services.AddSingleton<SurveyOrganisation>();
        return services;
    }

    /// <summary>
    /// A request on a supplier link: the form or the unsubscribe page. Both share one limit per client, so trying
    /// tokens on one path does not double the guesses.
    /// </summary>
    public static bool IsSurvey(HttpRequest request) =>
        request.Path.StartsWithSegments(SurveyPath, StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments(UnsubscribePath, StringComparison.OrdinalIgnoreCase);

    /// <summary>Sets the headers first in the pipeline, so every answer under <c>/s/</c> and <c>/u/</c> has them, 429 and errors included.</summary>
    private sealed class SurveyHeadersStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IsSurvey(context.Request))
                {
                    var response = context.Response;
                    response.OnStarting(() =>
                    {
                        response.Headers["Referrer-Policy"] = "no-referrer";
                        response.Headers.CacheControl = "no-store";
                        response.Headers.Pragma = "no-cache";
                        return Task.CompletedTask;
                    });
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
