using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>A questionnaire in the version select: its title and its published versions, newest first.</summary>
public sealed record QuestionnaireChoice(string Title, IReadOnlyList<VersionChoice> Versions);

/// <summary>One option of the version select: the posted value and what it says.</summary>
public sealed record VersionChoice(string Value, string Label);

/// <summary>
/// What the new and edit pages share: the bound form, the choices it offers (published questionnaire versions,
/// categories, the supplier picker) and the checks before anything is sent to the campaign.
/// </summary>
public abstract class CampaignFormPage(IGrainFactory grains, TimeProvider time) : CampaignPageModel(grains)
{
    [BindProperty]
    public CampaignForm Form { get; set; } = new();

    /// <summary>The picker's name filter, posted with the form.</summary>
    [BindProperty]
    public string? PickFilter { get; set; }

    /// <summary>The picker page shown when the form was posted.</summary>
    [BindProperty]
    public int PickPage { get; set; } = 1;

    /// <summary>The picker page asked for by its filter or paging buttons; null for the other buttons.</summary>
    [BindProperty]
    public int? PickTo { get; set; }

    public IReadOnlyList<QuestionnaireChoice> Questionnaires { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public SupplierPicker Picker { get; private set; } = null!;

    /// <summary>Now, for the hint that says which zone the times on the form are in.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    public string Placeholders => string.Join(" ", MailTemplate.Placeholders.Select(p => $"{{{{{p}}}}}"));

    /// <summary>Where the picker's buttons post: the handler that only shows the form again.</summary>
    protected abstract string PickAction { get; }

    /// <summary>The select's questionnaires (those with a published version) and categories, and the picker's page.</summary>
    protected async Task LoadChoicesAsync()
    {
        var picker = SupplierPicker.LoadAsync(
            Grains, $"{CampaignForm.Prefix}.{nameof(CampaignForm.Suppliers)}", PickAction, PickFilter, PickTo ?? PickPage, Form.Suppliers);
        var categories = Grains.ListSupplierCategoriesAsync();
        var published = (await Grains.ListQuestionnairesAsync()).Where(q => q.PublishedVersion is not null).ToList();
        var details = await Task.WhenAll(published.Select(q => Grains.GetGrain<IQuestionnaireGrain>(q.Id).GetAsync()));
        Questionnaires =
        [
            .. details.OfType<QuestionnaireDetails>().Select(q => new QuestionnaireChoice(
                q.Title,
                [
                    .. q.Versions.Where(v => v.Status == VersionStatus.Published).Reverse().Select(v => new VersionChoice(
                        CampaignForm.QuestionnaireValue(q.Id, v.Number),
                        $"{v.Title}, version {v.Number} ({v.QuestionCount} {(v.QuestionCount == 1 ? "question" : "questions")}, published {(v.PublishedAt is { } published ? Zone.Day(published) : "")})")),
                ])),
        ];
        Categories = await categories;
        Picker = await picker;
    }

    /// <summary>Shows the form again after a picker button: nothing is checked or saved.</summary>
    protected async Task<IActionResult> ShowAgainAsync()
    {
        ModelState.Clear();
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>Checks the posted form; false (with every message on the page) when it cannot be sent to the campaign.</summary>
    protected bool TryRead(out CampaignDefinition definition)
    {
        var (read, errors) = Form.ToDefinition(time.GetUtcNow(), Zone);
        definition = read;
        AddFormErrors(errors);
        return ModelState.IsValid;
    }

    /// <summary>The campaign's own verdict on the form (it also checks the questionnaire version is published).</summary>
    protected void AddResultErrors(CommandResult<CampaignDetails> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome == CommandOutcome.Conflict)
        {
            AddPageError(null, result.Message ?? "The campaign cannot take this form now.");
        }

        AddFormErrors(Form.FieldErrors(result.Errors));
    }

    private void AddFormErrors(IReadOnlyList<FieldMessage> errors)
    {
        foreach (var error in errors)
        {
            if (error.Field is { } field)
            {
                AddFieldError(field, error.Message);
            }
            else
            {
                AddPageError(null, error.Message);
            }
        }
    }
}
