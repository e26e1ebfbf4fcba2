using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Webhooks;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Admin.Webhooks;

/// <summary>The registration form as posted.</summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }

    public List<string> Events { get; set; } = [];

    public string? Description { get; set; }

    /// <summary>Made with the form, so a post sent twice (a double click, a reload) registers one endpoint.</summary>
    public Guid RegistrationId { get; set; } = Guid.NewGuid();
}

/// <summary>
/// The webhook endpoints: registered here (the secret is shown once, in the answer to the post), with how delivery goes
/// for each, a banner when one was disabled after a day of failures, and the buttons to enable, retry or delete.
/// </summary>
public sealed class WebhooksModel(IGrainFactory grains) : FormPageModel(grains)
{
    /// <summary>Words for each event on the form.</summary>
    public static IReadOnlyList<(string Type, string Description)> EventChoices { get; } =
    [
        (WebhookEventTypes.StandingChanged, "a supplier's standing moved (e.g. to At risk), in a ranking of all suppliers or of its category, for a campaign, quarter or year"),
        (WebhookEventTypes.ReviewFinished, "a strategic planning review was finished"),
        (WebhookEventTypes.CampaignClosed, "a campaign closed"),
        (WebhookEventTypes.ResponseSubmitted, "a response was submitted or edited (ids and scores only)"),
    ];

    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<WebhookEndpointInfo> Endpoints { get; private set; } = [];

    public IReadOnlyList<WebhookEndpointInfo> Disabled => [.. Endpoints.Where(e => e.Status == WebhookEndpointStatus.Disabled)];

    /// <summary>The endpoint just registered and its secret, in the answer to that post only.</summary>
    public WebhookEndpointCreated? Created { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        var result = await Grains.GetWebhookRegistry().RegisterAsync(
            new WebhookEndpointInput(Form.Url, Form.Events, Form.Description), User.AccountEmail()!, Form.RegistrationId == Guid.Empty ? null : Form.RegistrationId);
        switch (result.Outcome)
        {
            case CommandOutcome.Created or CommandOutcome.Ok:
                Created = result.Value;
                Response.Headers.CacheControl = "no-store";
                Form = new WebhookForm();
                break;
            case CommandOutcome.Invalid:
                foreach (var (key, messages) in result.Errors)
                {
                    foreach (var message in messages)
                    {
                        AddFieldError(FieldOf(key), message);
                    }
                }

                break;
            case CommandOutcome.Conflict:
                AddPageError(null, result.Message!);
                break;
            default:
                throw new UnreachableException($"Registering an endpoint answered {result.Outcome}.");
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, bool discardWaiting)
    {
        var result = await Grains.GetWebhookRegistry().EnableAsync(id, discardWaiting);
        Message = result.Value is { } endpoint
            ? discardWaiting
                ? $"{endpoint.Url} is enabled; the events that were waiting were discarded."
                : $"{endpoint.Url} is enabled and delivers from now, {Waiting(endpoint.Pending)}."
            : "No such endpoint: it may have been deleted.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var result = await Grains.GetWebhookRegistry().DeleteAsync(id);
        Message = result.Value is { } endpoint
            ? $"Deleted {endpoint.Url}; it gets no more events."
            : "No such endpoint: it may have been deleted already.";
        return RedirectToPage();
    }

    /// <summary>"3 events waiting", "nothing waiting".</summary>
    public static string Waiting(long pending) => pending switch
    {
        0 => "nothing waiting",
        1 => "1 event waiting",
        _ => $"{pending:N0} events waiting",
    };

    private static string FieldOf(string key) => key switch
    {
        "url" => "Form.Url",
        "events" => "Form.Events",
        _ => "Form.Description",
    };

    private async Task LoadAsync() => Endpoints = await Grains.GetWebhookRegistry().ListAsync();
}
