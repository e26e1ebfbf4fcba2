using Orleans.Dashboard;
using SupplierQuality.Email;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Campaigns;
using SupplierQuality.Web.Health;
using SupplierQuality.Web.Hosting;
using SupplierQuality.Web.Invitations;
using SupplierQuality.Web.Mail;
using SupplierQuality.Web.Questionnaires;
using SupplierQuality.Web.Suppliers;

if (NodeCommands.Find(args) is { } command)
{
    return await command(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddNode();
builder.Services.AddNodeHealthChecks();
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddInvitations(builder.Configuration);
builder.Services.AddMail(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddCampaigns(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.AddRazorPages().AddMvcOptions(o => o.ValueProviderFactories.RemoveJQueryStyleKeys());

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthEndpoints();
app.MapAccountsApi();
app.MapSuppliersApi();
app.MapQuestionnairesApi();
app.MapCampaignsApi();
app.MapMailWebhook();
app.MapRazorPages();
app.MapOrleansDashboard("/admin/dashboard").RequireAuthorization(Policies.Admin);

await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host the node.</summary>
public partial class Program;
