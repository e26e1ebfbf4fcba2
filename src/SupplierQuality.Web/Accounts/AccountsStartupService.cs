using Microsoft.Extensions.Options;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <summary>
/// Makes sure someone can administer the node: the configured initial admin, or in Development a generated
/// <c>admin@localhost</c>. Registered after the silo (AddAccounts follows UseOrleans), and hosted services start
/// in order, so grains are available here.
/// </summary>
internal sealed partial class AccountsStartupService(
    IGrainFactory grains,
    IOptions<AccountsOptions> options,
    IHostEnvironment environment,
    ILogger<AccountsStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var initial = options.Value.InitialAdmin;
        if (!string.IsNullOrWhiteSpace(initial.Email))
        {
            // Options validation guarantees a password that meets the policy here.
            if (await AdminBootstrap.EnsureAdminAsync(grains, initial.Email, initial.Password!, mustChangePassword: false, cancellationToken))
            {
                LogInitialAdminCreated(logger, initial.Email);
            }

            return;
        }

        var accounts = await grains.GetAccountDirectory().List().WaitAsync(cancellationToken);
        if (accounts.Any(a => a.Role == Roles.Admin && !a.Disabled))
        {
            return;
        }

        if (!environment.IsDevelopment())
        {
            LogNoAdmin(logger);
            return;
        }

        var password = PasswordPolicy.GenerateOneTime();
        if (await AdminBootstrap.EnsureAdminAsync(grains, AdminBootstrap.DevelopmentAdminEmail, password, mustChangePassword: true, cancellationToken))
        {
            LogDevelopmentAdminCreated(logger, AdminBootstrap.DevelopmentAdminEmail, password);
        }
        else
        {
            LogDevelopmentAdminUnusable(logger, AdminBootstrap.DevelopmentAdminEmail);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the initial admin account {Email} from configuration")]
    private static partial void LogInitialAdminCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "There is no admin account. Create one with the create-admin command, or set Accounts:InitialAdmin:Email and Accounts:InitialAdmin:Password")]
    private static partial void LogNoAdmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Development: created the admin account {Email} with the one-time password {Password} (change it at first sign-in)")]
    private static partial void LogDevelopmentAdminCreated(ILogger logger, string email, string password);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Development: there is no enabled admin account and {Email} exists already; reset it with the create-admin command")]
    private static partial void LogDevelopmentAdminUnusable(ILogger logger, string email);
}
