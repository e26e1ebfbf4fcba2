using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Admin;

/// <summary>The organisation form as posted (the logo comes apart, as a file).</summary>
public sealed class OrganisationForm
{
    public int Version { get; set; }

    public string? Name { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ReplyTo { get; set; }

    public string? PrivacyNote { get; set; }

    public bool RemoveLogo { get; set; }

    /// <summary>The fields in form order, with the grain's key of each.</summary>
    public static IReadOnlyList<(string Key, string Field)> Fields { get; } =
    [
        ("name", nameof(Name)),
        ("logo", OrganisationModel.LogoField),
        ("contactName", nameof(ContactName)),
        ("contactEmail", nameof(ContactEmail)),
        ("replyTo", nameof(ReplyTo)),
        ("privacyNote", nameof(PrivacyNote)),
    ];

    public static OrganisationForm From(OrganisationDetails current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var p = current.Profile;
        return new OrganisationForm
        {
            Version = current.Version,
            Name = p.Name,
            ContactName = p.ContactName,
            ContactEmail = p.ContactEmail,
            ReplyTo = p.ReplyTo,
            PrivacyNote = p.PrivacyNote,
        };
    }

    public OrganisationProfile ToProfile() =>
        new(Name ?? string.Empty, ContactName, ContactEmail, ReplyTo, PrivacyNote ?? string.Empty);
}

/// <summary>
/// The buying company as suppliers see it: its name, logo, the quality team's contact person, where replies go and
/// who sees the answers. Texts and logo are saved together or not at all; a save from a page opened before someone
/// else's save is refused, so nobody overwrites a change they have not seen.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class OrganisationModel(IGrainFactory grains) : FormPageModel(grains)
{
    public const string Prefix = "Form";

    /// <summary>The file input's name (and id).</summary>
    public const string LogoField = nameof(Logo);

    /// <summary>
    /// Requests up to this size are read, so a file well over the logo limit gets this page's own message instead of
    /// the server's bare refusal.
    /// </summary>
    public const long MaxRequestBytes = 16L * 1024 * 1024;

    [BindProperty]
    public OrganisationForm Form { get; set; } = new();

    /// <summary>A new logo, when one was chosen.</summary>
    [BindProperty]
    public IFormFile? Logo { get; set; }

    public OrganisationDetails Current { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Current = await Grains.GetOrganisation().GetAsync();
        Form = OrganisationForm.From(Current);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var organisation = Grains.GetOrganisation();
        byte[]? logo = null;
        if (Logo is { Length: > OrganisationInput.MaxLogoBytes } tooBig)
        {
            // Not sent to the grain: the texts are checked here too, so every problem shows at once and nothing is saved.
            AddFieldError(LogoField, OrganisationInput.LogoTooBig(tooBig.Length));
            AddErrors(OrganisationInput.Validate(OrganisationInput.Normalize(Form.ToProfile())), except: "logo");
            Current = await organisation.GetAsync();
            return Page();
        }

        if (Logo is { Length: > 0 } upload)
        {
            logo = new byte[upload.Length];
            await using var stream = upload.OpenReadStream();
            await stream.ReadExactlyAsync(logo, HttpContext.RequestAborted);
        }

        var result = await organisation.SaveAsync(new OrganisationUpdate(Form.ToProfile(), logo, Form.RemoveLogo), Form.Version, User.AccountEmail()!);
        switch (result.Outcome)
        {
            case CommandOutcome.Ok:
                Message = result.Value!.Version == Form.Version
                    ? "Nothing changed: these are the settings already saved."
                    : $"Saved version {result.Value.Version}. Survey emails and forms show these from now on.";
                return RedirectToPage();
            case CommandOutcome.Invalid:
                AddErrors(result.Errors);
                break;
            case CommandOutcome.Conflict:
                AddPageError("/admin/organisation", result.Message!);
                break;
            default:
                throw new UnreachableException($"Saving the organisation answered {result.Outcome}.");
        }

        if (logo is not null && !result.Errors.ContainsKey("logo"))
        {
            // A browser never fills in a file input again.
            AddPageError($"#{LogoField}", "Nothing was saved, so choose the logo file again too.");
        }

        Current = result.Value ?? await organisation.GetAsync();
        return Page();
    }

    private void AddErrors(IReadOnlyDictionary<string, string[]> errors, string? except = null)
    {
        foreach (var (key, field) in OrganisationForm.Fields.Where(f => f.Key != except))
        {
            foreach (var message in errors.GetValueOrDefault(key) ?? [])
            {
                AddFieldError(field == LogoField ? LogoField : $"{Prefix}.{field}", message);
            }
        }
    }
}
