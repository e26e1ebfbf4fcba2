using Orleans.Dashboard;
using SupplierQuality.Email;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Campaigns;
using SupplierQuality.Web.Health;
using SupplierQuality.Web.Hosting;
using SupplierQuality.Web.Invitations;
using SupplierQuality.Web.Mail;
using SupplierQuality.Web.Metrics;
using SupplierQuality.Web.OpenApi;
using SupplierQuality.Web.Organisation;
using SupplierQuality.Web.Questionnaires;
using SupplierQuality.Web.Responses;
using SupplierQuality.Web.Reviews;
using SupplierQuality.Web.Scorecards;
using SupplierQuality.Web.Suppliers;
using SupplierQuality.Web.Telemetry;
using SupplierQuality.Web.Webhooks;

if (NodeCommands.Find(args) is { } command)
{
    return await command(args);
}

var builder = WebApplication.CreateBuilder(args);
ProductionChecks.Validate(builder.Configuration, builder.Environment);
builder.AddNode();
builder.AddTelemetry();
builder.AddPublicAddress();
builder.Services.AddNodeHealthChecks();
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddInvitations(builder.Configuration);
builder.Services.AddMail(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddCampaigns(builder.Configuration);
builder.Services.AddOrganisation(builder.Configuration);
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddApiDocumentation();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.AddRazorPages(o => PageAuthorization.Apply(o.Conventions)).AddMvcOptions(o => o.ValueProviderFactories.RemoveJQueryStyleKeys());

var app = builder.Build();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWhen(BrowserRequests.WantPages, browser => browser.UseStatusCodePagesWithReExecute("/status/{0}"));

// Inside the error pages: a database outage becomes 503 + Retry-After (the browser's page re-executed), not a 500.
app.UseStorageFailures();
app.UseStaticFiles();

// After the error pages, so a re-executed request is routed again to its status page.
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthEndpoints();
app.MapAccountsApi();
app.MapSuppliersApi();
app.MapQuestionnairesApi();
app.MapCampaignsApi();
app.MapOrganisationApi();
app.MapOrganisationLogo();
app.MapResponsesApi();
app.MapScorecardsApi();
app.MapMetricsApi();
app.MapReviewsApi();
app.MapWebhooksApi();
app.MapMailWebhook();
app.MapApiDocumentation();
app.MapRazorPages();
app.MapOrleansDashboard("/admin/dashboard").RequireAuthorization(Policies.Admin).ExcludeFromDescription();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host the node.</summary>
public partial class Program;
