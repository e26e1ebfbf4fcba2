using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Admin;

/// <summary>Create accounts, change roles, disable and enable, hand out one-time passwords.</summary>
public sealed class AccountsModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? NewDisplayName { get; set; }

    [BindProperty]
    public string? NewRole { get; set; }

    public string? Notice { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Shown once, in the answer to the POST that made it; never stored in clear.</summary>
    public OneTimePassword? Issued { get; private set; }

    public string? CurrentEmail => User.AccountEmail();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var email = AccountEmail.Normalize(NewEmail);
        var displayName = NewDisplayName?.Trim() ?? "";
        if (email is null)
        {
            Problem = "Enter the email address of the new account.";
        }
        else if (NewRole is null || !Roles.IsKnown(NewRole))
        {
            Problem = "Choose a role.";
        }
        else if (displayName.Length > 100)
        {
            Problem = "A display name has at most 100 characters.";
        }
        else
        {
            var password = PasswordPolicy.GenerateOneTime();
            var result = await grains.GetAccount(email).Create(new NewAccount(displayName, NewRole, password, MustChangePassword: true));
            if (result.Created)
            {
                Issued = new OneTimePassword(email, password);
                (NewEmail, NewDisplayName, NewRole) = (null, null, null);
            }
            else
            {
                Problem = $"There is already an account for {email}.";
            }
        }

        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostRoleAsync(string? email, string? role)
    {
        if (role is null || !Roles.IsKnown(role))
        {
            Problem = "Choose a role.";
        }
        else if (await ChangeOtherAccountAsync(email, a => a.SetRole(role)) is { } account)
        {
            Notice = $"{account.Email} is now {RoleName(account.Role)}.";
        }

        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostDisableAsync(string? email)
    {
        if (await ChangeOtherAccountAsync(email, a => a.SetDisabled(true)) is { } account)
        {
            // True at once: every request checks the session's security stamp, which disabling changed.
            Notice = $"{account.Email} is disabled and signed out everywhere.";
        }

        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? email)
    {
        if (await ChangeOtherAccountAsync(email, a => a.SetDisabled(false)) is { } account)
        {
            Notice = $"{account.Email} is enabled.";
        }

        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string? email)
    {
        var password = PasswordPolicy.GenerateOneTime();
        if (await ChangeOtherAccountAsync(email, a => a.ResetPassword(password, mustChangePassword: true)) is { } account)
        {
            Issued = new OneTimePassword(account.Email, password);
        }

        return await ShowAsync();
    }

    public static string RoleName(string role) => role switch
    {
        Roles.QualityManager => "quality manager",
        Roles.Executive => "executive",
        Roles.Admin => "admin",
        _ => role,
    };

    /// <summary>Admins change other accounts only: nobody can lock themselves (or the last admin) out by a click.</summary>
    private async Task<AccountInfo?> ChangeOtherAccountAsync(string? email, Func<IAccountGrain, Task<AccountInfo?>> change)
    {
        var key = AccountEmail.Normalize(email);
        if (key is null)
        {
            Problem = "No such account.";
            return null;
        }

        if (key == CurrentEmail)
        {
            Problem = "You cannot change your own account here; use Change password for your password.";
            return null;
        }

        var account = await change(grains.GetAccount(key));
        if (account is null)
        {
            Problem = "No such account.";
        }

        return account;
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (Issued is not null)
        {
            Response.Headers.CacheControl = "no-store";
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Accounts = await grains.GetAccountDirectory().List();
}

public sealed record OneTimePassword(string Email, string Password);
