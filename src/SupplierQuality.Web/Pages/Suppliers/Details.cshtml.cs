using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Suppliers;

public sealed class DetailsModel(IGrainFactory grains) : PageModel
{
    private const int MaxStatusAttempts = 3;

    public SupplierDetails Supplier { get; private set; } = null!;

    /// <summary>
    /// The campaigns that reached the supplier, newest first, from the ranking's copy of its scorecard (one line per
    /// campaign, already held per supplier): no call per campaign.
    /// </summary>
    public IReadOnlyList<ScorecardCampaign> Campaigns { get; private set; } = [];

    /// <summary>Why survey mail no longer goes to a contact's address, by address (any case); absent when it does.</summary>
    public IReadOnlyDictionary<string, string> NoMail { get; private set; } = new Dictionary<string, string>();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await grains.GetGrain<ISupplierGrain>(id).GetAsync() is not { } supplier)
        {
            return NotFound();
        }

        Supplier = supplier;

        // One call per contact (at most SupplierInput.MaxContacts), beside the one for the scorecard.
        var scorecard = grains.GetRanking().ScorecardAsync(id);
        var reasons = await Task.WhenAll(supplier.Contacts.Select(async c => (c.Email, Reason: await grains.GetMailSuppression(c.Email).ReasonAsync())));
        NoMail = reasons.Where(r => r.Reason is not null)
            .DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(r => r.Email, r => NoMailText(r.Reason!), StringComparer.OrdinalIgnoreCase);
        Campaigns = [.. ((await scorecard)?.Campaigns ?? []).Reverse()];
        return Page();
    }

    /// <summary>"No mail: unsubscribed": short words for the contacts table; the stored reasons vary (see MailSuppression).</summary>
    private static string NoMailText(string reason) => "No mail: " + reason switch
    {
        MailSuppression.Bounced or "bounce" => "bounced",
        MailSuppression.SpamReport => "spam report",
        _ => MailSuppression.Describe(reason),
    };

    /// <summary>
    /// Sets the status and keeps the rest of the profile as saved now. The form sends the status wanted, not "flip",
    /// so sending it twice changes nothing the second time.
    /// </summary>
    public async Task<IActionResult> OnPostStatusAsync(Guid id, string? status)
    {
        if (!SupplierInput.TryParseStatus(status, out var parsed) || parsed is not { } wanted)
        {
            return BadRequest();
        }

        var grain = grains.GetGrain<ISupplierGrain>(id);

        // Based on the profile read just before: an edit saved in between only costs another round.
        for (var attempt = 0; attempt < MaxStatusAttempts; attempt++)
        {
            if (await grain.GetAsync() is not { } supplier)
            {
                return NotFound();
            }

            if (supplier.Status == wanted)
            {
                Message = $"{supplier.Name} is already {wanted.ToString().ToLowerInvariant()}.";
                return RedirectToPage("Details", new { id });
            }

            var profile = new SupplierProfile(supplier.Name, supplier.Category, null, wanted, supplier.Contacts);
            var result = await grain.UpdateAsync(new UpdateSupplier(supplier.Version, profile));
            switch (result.Outcome)
            {
                case CommandOutcome.Ok:
                    Message = wanted == SupplierStatus.Inactive
                        ? $"{supplier.Name} is now inactive: it is left out of new campaigns. Its details and history are kept."
                        : $"{supplier.Name} is active again: it takes part in new campaigns.";
                    return RedirectToPage("Details", new { id });
                case CommandOutcome.NotFound:
                    return NotFound();
                case CommandOutcome.Invalid:
                    Message = "The status was not changed: the saved details break a rule (" + string.Join(" ", result.Errors.Values.SelectMany(m => m)) + ") Edit the supplier first.";
                    return RedirectToPage("Details", new { id });
            }
        }

        Message = "The status was not changed: the supplier is being changed by someone else right now. Try again.";
        return RedirectToPage("Details", new { id });
    }
}
