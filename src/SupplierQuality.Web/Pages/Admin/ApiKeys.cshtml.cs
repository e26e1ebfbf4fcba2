using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Admin;

/// <summary>Keys for ERP and BI integrations: created here (the key is shown once), revoked here.</summary>
public sealed class ApiKeysModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];

    [BindProperty]
    public string? NewName { get; set; }

    [BindProperty]
    public string? NewRole { get; set; }

    public string? Notice { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The new key, in the answer to the POST that made it; only its hash is stored.</summary>
    public string? IssuedKey { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var name = NewName?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            Problem = "Name the key (1 to 100 characters), e.g. after the system that will use it.";
        }
        else if (NewRole is null || !Roles.IsKnown(NewRole))
        {
            Problem = "Choose a role.";
        }
        else
        {
            var issued = await ApiKeyIssuer.IssueAsync(grains, name, NewRole, User.AccountEmail()!);
            IssuedKey = issued.Key;
            Notice = $"Created the key \"{issued.Info.Name}\" ({issued.Info.Id}).";
            Response.Headers.CacheControl = "no-store";
            (NewName, NewRole) = (null, null);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? id)
    {
        var hash = string.IsNullOrEmpty(id) ? null : await grains.GetApiKeyDirectory().FindKeyHash(id);
        var revoked = hash is null ? null : await grains.GetApiKey(hash).Revoke(User.AccountEmail()!);
        if (revoked is null)
        {
            Problem = "No such key.";
        }
        else
        {
            Notice = $"Revoked the key \"{revoked.Name}\" ({revoked.Id}); calls with it now fail.";
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Keys = await grains.GetApiKeyDirectory().List();
}
