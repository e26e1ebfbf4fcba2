using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Admin;

/// <summary>Keys for ERP and BI integrations: created here (the key is shown once), revoked here.</summary>
public sealed class ApiKeysModel(IGrainFactory grains) : FormPageModel(grains)
{
    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];

    [BindProperty]
    public string? NewName { get; set; }

    [BindProperty]
    public string? NewRole { get; set; }

    /// <summary>What the POST just did, in its own answer (the key cannot wait for a redirect).</summary>
    public string? Notice { get; private set; }

    /// <summary>The new key, in the answer to the POST that made it; only its hash is stored.</summary>
    public string? IssuedKey { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var name = NewName?.Trim() ?? "";
        if (name.Length is 0 or > ApiKeyGrain.MaxNameLength)
        {
            AddFieldError(nameof(NewName), $"Name the key (1 to {ApiKeyGrain.MaxNameLength} characters), e.g. after the system that will use it.");
        }

        if (NewRole is null || !Roles.IsKnown(NewRole))
        {
            AddFieldError(nameof(NewRole), "Choose a role.");
        }

        if (NewRole is not null && ModelState.IsValid)
        {
            var issued = await ApiKeyIssuer.IssueAsync(Grains, name, NewRole, User.AccountEmail()!);
            IssuedKey = issued.Key;
            Notice = $"Created the key \"{issued.Info.Name}\" ({issued.Info.Id}).";
            Response.Headers.CacheControl = "no-store";

            // The form is for the next key: without this the inputs would show what was posted.
            ModelState.Clear();
            (NewName, NewRole) = (null, null);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? id)
    {
        var hash = string.IsNullOrEmpty(id) ? null : await Grains.GetApiKeyDirectory().FindKeyHash(id);
        var revoked = hash is null ? null : await Grains.GetApiKey(hash).Revoke(User.AccountEmail()!);
        if (revoked is null)
        {
            AddPageError(null, "No such key.");
        }
        else
        {
            Notice = $"Revoked the key \"{revoked.Name}\" ({revoked.Id}); calls with it now fail.";
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Keys = await Grains.GetApiKeyDirectory().List();
}
