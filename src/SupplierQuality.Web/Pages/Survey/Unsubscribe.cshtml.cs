using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Email.Languages;
using SupplierQuality.Grains.Invitations;

namespace SupplierQuality.Web.Pages.Survey;

/// <summary>What <c>/u/{token}</c> shows.</summary>
public enum UnsubscribeView
{
    /// <summary>Malformed or unknown token: the survey form's not-valid page, 404, so a caller learns nothing about tokens.</summary>
    NotValid,

    /// <summary>The question, with a button that posts.</summary>
    Ask,

    /// <summary>The address is unsubscribed.</summary>
    Done,
}

/// <summary>
/// The unsubscribe link of every survey email, <c>/u/{token}</c> with the invitation's link token, anonymous. GET only
/// asks: mail scanners and link previews fetch links, and must not unsubscribe anyone. POST unsubscribes the
/// invitation's address from all survey mail, from the button on this page or as an RFC 8058 one-click unsubscribe.
/// </summary>
/// <remarks>
/// Antiforgery is ignored because one-click unsubscribe requires it: a mail client posts
/// <c>List-Unsubscribe=One-Click</c> with no cookies and no antiforgery token, so a token check would refuse exactly
/// the posts this page exists for. Nothing is lost by that: the credential is the 192-bit token in the URL, which a
/// forging site cannot know, and unsubscribing is harmless to repeat and changes nothing but mail to this address.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(IGrainFactory grains) : PageModel
{
    public UnsubscribeView View { get; private set; }

    public string Token { get; private set; } = string.Empty;

    /// <summary>The address with its local part hidden, so a forwarded email does not show the whole address.</summary>
    public string MaskedEmail { get; private set; } = string.Empty;

    public string CampaignName { get; private set; } = string.Empty;

    /// <summary>
    /// The page's words: in the invitation's language (the form's language cookie belongs to the form's path), or in
    /// the one asked for with <c>?lang=</c>.
    /// </summary>
    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    /// <summary><c>dana@supplier.test</c> becomes <c>d***@supplier.test</c>: enough to recognise, not to harvest.</summary>
    public static string Mask(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    // The handlers take no parameters, so nothing in a one-click post's body is bound or can fail to bind.
    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is not { } recipient)
        {
            return NotValid();
        }

        return Show(recipient.Unsubscribed ? UnsubscribeView.Done : UnsubscribeView.Ask, recipient);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is not { } recipient)
        {
            return NotValid();
        }

        var result = await Grain().UnsubscribeAsync();
        // Answered directly, not redirected: a one-click client does not follow a redirect, and a repeated post is harmless.
        return result.Outcome == InvitationOutcome.Ok ? Show(UnsubscribeView.Done, recipient) : NotValid();
    }

    /// <summary>The invitation's recipient, or null for a malformed or unknown token.</summary>
    private async Task<InvitationRecipient?> LoadAsync()
    {
        // The shape is checked before any grain call, so malformed links cost nothing.
        if (!InvitationToken.TryParse(RouteData.Values["token"] as string, out var token))
        {
            return null;
        }

        Token = token;
        return await Grain().GetRecipientAsync();
    }

    private IInvitationGrain Grain() => grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(Token));

    private PageResult Show(UnsubscribeView view, InvitationRecipient recipient)
    {
        View = view;
        MaskedEmail = Mask(recipient.Email);
        CampaignName = recipient.CampaignName;
        Texts = RespondentTexts.For(Language.TryFind(Request.Query[FormModel.LanguageParameter], out var asked) ? asked : Language.FirstOf(recipient.Language));
        return Page();
    }

    private PageResult NotValid()
    {
        View = UnsubscribeView.NotValid;
        Token = string.Empty;
        return new PageResult { StatusCode = StatusCodes.Status404NotFound };
    }
}
