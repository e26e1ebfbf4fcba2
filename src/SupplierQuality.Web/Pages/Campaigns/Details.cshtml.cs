using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>
/// The live campaign: what it is doing, its counters, its suppliers' progress, and the commands that steer it. Each
/// command posts its own small form; a refused one shows the campaign's reason on this page.
/// </summary>
public sealed class DetailsModel(IGrainFactory grains, TimeProvider time) : CampaignPageModel(grains)
{
    public const int PageSize = 50;

    public CampaignDetails Campaign { get; private set; } = null!;

    /// <summary>The title of the questionnaire version asked, or null if it cannot be read.</summary>
    public string? QuestionnaireTitle { get; private set; }

    public SupplierProgressPage Suppliers { get; private set; } = new(0, []);

    /// <summary>Names of the suppliers on this page that the campaign has not reached yet (their progress has none).</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Only suppliers without a response.</summary>
    [BindProperty(SupportsGet = true)]
    public bool NonResponders { get; set; }

    /// <summary>Not named "page": Razor Pages reserves that route value for the page path.</summary>
    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    /// <summary>The extend form's value: what was typed, or the deadline now.</summary>
    public string? NewDeadline { get; private set; }

    /// <summary>For a draft: what launching it sends, said next to the box that confirms it.</summary>
    public string? LaunchText { get; private set; }

    /// <summary>For a running campaign: what closing early ends, said next to the box that confirms it.</summary>
    public string? CloseText { get; private set; }

    /// <summary>The personal line typed for a hand reminder that was refused, shown again.</summary>
    public string? HandReminderLine { get; private set; }

    /// <summary>How many suppliers' mail problems the page lists; the rest are on each supplier's page.</summary>
    public const int AttentionSuppliers = 10;

    /// <summary>What is wrong with the mail now, address by address: bounces, refusals, unsubscribes, spam reports.</summary>
    public IReadOnlyList<MailAttention> Attention { get; private set; } = [];

    public int PageCount => Math.Max(1, (Suppliers.Total + PageSize - 1) / PageSize);

    /// <summary>What the campaign is doing now, in words.</summary>
    public string WorkLine => Campaign.Work ?? Campaign.Status switch
    {
        CampaignStatus.Draft => "Nothing is sent until you launch it.",
        CampaignStatus.Open => "Nothing to send right now; reminders and the deadline take effect on their own.",
        _ => "Nothing more is sent.",
    };

    public string AudienceLine
    {
        get
        {
            var d = Campaign.Definition;
            return d.Audience switch
            {
                AudienceKind.AllActive => "Every active supplier when the campaign opens",
                AudienceKind.Category => $"Every active supplier in the category {d.Category} when the campaign opens",
                _ => $"{d.Suppliers.Count} chosen {(d.Suppliers.Count == 1 ? "supplier" : "suppliers")}",
            };
        }
    }

    public bool Running => Campaign.Status is CampaignStatus.Scheduled or CampaignStatus.Open;

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Launches only with the box ticked: the box says how many emails go to whom, and they cannot be called back.</summary>
    public async Task<IActionResult> OnPostLaunchAsync(Guid id, bool confirm)
    {
        if (!confirm)
        {
            return await RefusedAsync(id, "confirm-launch", "Tick the box to confirm the launch: the emails cannot be called back.");
        }

        var campaign = Grains.GetGrain<ICampaignGrain>(id);
        var result = await campaign.LaunchAsync();
        if (result.Succeeded)
        {
            Message = await CampaignActions.LaunchedMessageAsync(campaign, Zone);
            return RedirectToPage("Details", new { id });
        }

        if (result.Outcome == CommandOutcome.NotFound || !await LoadAsync(id))
        {
            return NotFound();
        }

        if (result.Outcome == CommandOutcome.Conflict)
        {
            AddPageError(null, $"The campaign was not launched: {result.Message}");
            return Page();
        }

        // What must change is in the definition: each message links to its field in the draft editor.
        AddPageError(null, "The campaign was not launched. Edit the draft to fix:");
        foreach (var error in CampaignForm.From(id, Campaign.Definition, Zone).FieldErrors(result.Errors))
        {
            AddPageError(error.Field is { } field ? $"/campaigns/{id}/edit#{FieldId(field)}" : $"/campaigns/{id}/edit", error.Message);
        }

        return Page();
    }

    /// <param name="deadline">A <c>datetime-local</c> value in the reader's <see cref="CampaignPageModel.Zone"/>.</param>
    public async Task<IActionResult> OnPostDeadlineAsync(Guid id, string? deadline)
    {
        if (!Zone.TryParseInput(deadline, out var local))
        {
            return await RefusedAsync(id, "deadline", $"Enter the new deadline as a date and time in {Zone.Id}, such as 2026-04-30 17:00.", deadline);
        }

        if (!Zone.TryResolve(local, out var at, out var gap))
        {
            return await RefusedAsync(id, "deadline", gap, deadline);
        }

        var result = await Grains.GetGrain<ICampaignGrain>(id).ExtendDeadlineAsync(at);
        return result.Succeeded
            ? Done(id, $"The deadline is now {Zone.Show(at)}; every invitation follows.")
            : await RefusedAsync(id, result, "The deadline was not moved", deadline);
    }

    /// <param name="click">Made when the page was shown: the same click posted twice sends one reminder.</param>
    public async Task<IActionResult> OnPostRemindNowAsync(Guid id, Guid click, string? line)
    {
        if (click == Guid.Empty)
        {
            return await RefusedAsync(id, "line", "Nothing was sent: the page was out of date. Press Remind now again.", keptLine: line);
        }

        var result = await Grains.GetGrain<ICampaignGrain>(id).RemindNowAsync(click, line);
        return result.Succeeded
            ? Done(id, result.Message ?? "A reminder is going now to everyone who has not answered and can still get mail.")
            : await RefusedAsync(id, result, "No reminder was sent", keptLine: line);
    }

    /// <summary>Closes only with the box ticked: those who have not answered can no longer do so.</summary>
    public async Task<IActionResult> OnPostCloseAsync(Guid id, bool confirm)
    {
        if (!confirm)
        {
            return await RefusedAsync(id, "confirm-close", "Tick the box to confirm closing early: it cannot be undone.");
        }

        var result = await Grains.GetGrain<ICampaignGrain>(id).CloseAsync();
        return result.Succeeded
            ? Done(id, "Closed early: the forms become read-only; the answers so far count.")
            : await RefusedAsync(id, result, "The campaign was not closed");
    }

    /// <summary>Cancels only with the box ticked: it cannot be undone, so it takes more than one click.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, bool confirm)
    {
        if (!confirm)
        {
            return await RefusedAsync(id, "confirm", "Tick the box to confirm the cancellation: it cannot be undone.");
        }

        var result = await Grains.GetGrain<ICampaignGrain>(id).CancelAsync();
        return result.Succeeded
            ? Done(id, "Cancelled: nothing more is sent and the forms become read-only.")
            : await RefusedAsync(id, result, "The campaign was not cancelled");
    }

    /// <summary>Query values for a link to this page with the same filter, on another page of suppliers.</summary>
    public Dictionary<string, string> RouteFor(int pageNumber)
    {
        var values = new Dictionary<string, string>
        {
            ["id"] = Campaign.Id.ToString(),
            ["pageNumber"] = pageNumber.ToString(CultureInfo.InvariantCulture),
        };
        if (NonResponders)
        {
            values["nonResponders"] = "true";
        }

        return values;
    }

    public string NameOf(SupplierProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return progress.SupplierName.Length > 0 ? progress.SupplierName
            : Names.TryGetValue(progress.SupplierId, out var name) ? name
            : "(unknown supplier)";
    }

    private RedirectToPageResult Done(Guid id, string message)
    {
        Message = message;
        return RedirectToPage("Details", new { id });
    }

    /// <summary>The page again with the campaign's reason: a conflict above, a field's problem next to the field.</summary>
    private async Task<IActionResult> RefusedAsync(
        Guid id, CommandResult<CampaignDetails> result, string what, string? typedDeadline = null, string? keptLine = null)
    {
        HandReminderLine = keptLine;
        if (result.Outcome == CommandOutcome.NotFound || !await LoadAsync(id, typedDeadline))
        {
            return NotFound();
        }

        if (result.Outcome == CommandOutcome.Conflict)
        {
            AddPageError(null, $"{what}: {result.Message}");
        }

        foreach (var (key, messages) in result.Errors)
        {
            foreach (var message in messages)
            {
                if (key is "deadline" or "line")
                {
                    AddFieldError(key, message);
                }
                else
                {
                    AddPageError(null, $"{what}: {message}");
                }
            }
        }

        return Page();
    }

    private async Task<IActionResult> RefusedAsync(Guid id, string field, string message, string? typedDeadline = null, string? keptLine = null)
    {
        HandReminderLine = keptLine;
        if (!await LoadAsync(id, typedDeadline))
        {
            return NotFound();
        }

        AddFieldError(field, message);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, string? typedDeadline = null)
    {
        var grain = Grains.GetGrain<ICampaignGrain>(id);
        if (await grain.GetAsync() is not { } campaign)
        {
            return false;
        }

        Campaign = campaign;
        NewDeadline = typedDeadline ?? Zone.Input(campaign.Definition.Deadline);
        var now = time.GetUtcNow();
        LaunchText = campaign.Status == CampaignStatus.Draft
            ? CampaignActions.LaunchPlanText(await Grains.PlanLaunchAsync(campaign.Definition), campaign.Definition, now, Zone)
            : null;
        CloseText = Running ? CampaignActions.CloseText(campaign, now) : null;
        var troubled = await grain.GetSuppliersWithMailProblemsAsync(AttentionSuppliers);
        var parts = await Task.WhenAll(troubled.Select(p => Grains.GetSupplierCampaign(id, p.SupplierId).GetAsync()));
        Attention = [.. parts.OfType<SupplierCampaignDetails>().SelectMany(MailAttention.Of)];
        var version = Grains.GetGrain<IQuestionnaireGrain>(campaign.Definition.QuestionnaireId).GetVersionAsync(campaign.Definition.QuestionnaireVersion);

        // A hand-edited address should still show a list, not an error: out-of-range pages fall back.
        PageNumber = Math.Max(1, PageNumber);
        var suppliers = await grain.GetSuppliersAsync(NonResponders, (PageNumber - 1) * PageSize, PageSize);
        if (suppliers.Items.Count == 0 && suppliers.Total > 0)
        {
            PageNumber = (suppliers.Total + PageSize - 1) / PageSize;
            suppliers = await grain.GetSuppliersAsync(NonResponders, (PageNumber - 1) * PageSize, PageSize);
        }

        Suppliers = suppliers;
        var unnamed = await Task.WhenAll(suppliers.Items.Where(p => p.SupplierName.Length == 0)
            .Select(p => Grains.GetGrain<ISupplierGrain>(p.SupplierId).GetAsync()));
        Names = unnamed.OfType<SupplierDetails>().ToDictionary(s => s.Id, s => s.Name);
        QuestionnaireTitle = (await version)?.Title;
        return true;
    }
}
