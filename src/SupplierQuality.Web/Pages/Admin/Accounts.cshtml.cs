using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Admin;

/// <summary>Create accounts, change roles, disable and enable, hand out one-time passwords.</summary>
public sealed class AccountsModel(IGrainFactory grains) : FormPageModel(grains)
{
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? NewDisplayName { get; set; }

    [BindProperty]
    public string? NewRole { get; set; }

    /// <summary>What the POST just did, in its own answer (the one-time password cannot wait for a redirect).</summary>
    public string? Notice { get; private set; }

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
            AddFieldError(
                nameof(NewEmail),
                string.IsNullOrWhiteSpace(NewEmail) ? "Enter the email address of the new account." : "Enter an email address like name@example.com.");
        }

        if (displayName.Length > AccountGrain.MaxDisplayNameLength)
        {
            AddFieldError(nameof(NewDisplayName), $"A display name has at most {AccountGrain.MaxDisplayNameLength} characters.");
        }

        if (NewRole is null || !Roles.IsKnown(NewRole))
        {
            AddFieldError(nameof(NewRole), "Choose a role.");
        }

        if (email is not null && NewRole is not null && ModelState.IsValid)
        {
            var password = PasswordPolicy.GenerateOneTime();
            var result = await Grains.GetAccount(email).Create(new NewAccount(displayName, NewRole, password, MustChangePassword: true));
            if (result.Created)
            {
                Issued = new OneTimePassword(email, password);

                // The form is for the next account: without this the inputs would show what was posted.
                ModelState.Clear();
                (NewEmail, NewDisplayName, NewRole) = (null, null, null);
            }
            else
            {
                AddFieldError(nameof(NewEmail), $"There is already an account for {email}.");
            }
        }

        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostRoleAsync(string? email, string? role)
    {
        if (role is null || !Roles.IsKnown(role))
        {
            AddPageError(null, "Choose a role.");
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

    /// <summary>
    /// What a role may do, in words, shown next to the role choice. It says what <see cref="PageAuthorization"/>, the
    /// policies in <see cref="AccountsExtensions"/> and the pages' own checks (review decisions, the scorecard rebuild)
    /// allow: change one, change this.
    /// </summary>
    public static string RoleMayDo(string role) => role switch
    {
        Roles.QualityManager => "Keeps the supplier list (by hand or by CSV import), writes questionnaires, launches and steers survey campaigns, " +
            "imports objective metrics and sets the scorecard settings; reads responses, rankings, scorecards and reviews. " +
            "Records no review decisions and manages no accounts.",
        Roles.Executive => "Reads rankings, supplier scorecards, responses and comments; holds strategic planning reviews, records a decision " +
            "per supplier and exports them. Changes no suppliers, questionnaires or campaigns.",
        Roles.Admin => "Everything a quality manager and an executive may do, and also: accounts, API keys, the organisation that suppliers " +
            "see, outbound webhooks, the mail outbox, the cluster dashboard and rebuilding every scorecard from the stored answers.",
        _ => "Nothing: the role is not known.",
    };

    /// <summary>Admins change other accounts only: nobody can lock themselves (or the last admin) out by a click.</summary>
    private async Task<AccountInfo?> ChangeOtherAccountAsync(string? email, Func<IAccountGrain, Task<AccountInfo?>> change)
    {
        var key = AccountEmail.Normalize(email);
        if (key is null)
        {
            AddPageError(null, "No such account.");
            return null;
        }

        if (key == CurrentEmail)
        {
            AddPageError(null, "You cannot change your own account here; use Change password for your password.");
            return null;
        }

        var account = await change(Grains.GetAccount(key));
        if (account is null)
        {
            AddPageError(null, "No such account.");
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

    private async Task LoadAsync() => Accounts = await Grains.GetAccountDirectory().List();
}

public sealed record OneTimePassword(string Email, string Password);
