using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Web.Pages.Campaigns;
using SupplierQuality.Web.Responses;

namespace SupplierQuality.Web.Pages.Responses;

/// <summary>
/// What the responses and comments pages share: the campaign, its questions, the filters from the query string
/// (supplier, group, question) and a page of suppliers with their submitted responses.
/// </summary>
public abstract class ResponsesPageModel(IGrainFactory grains) : CampaignPageModel(grains)
{
    /// <summary>Above this many suppliers the filter offers no list to choose from (each supplier's heading links to it).</summary>
    public const int MaxSupplierChoices = 200;

    // The filters bind as text and are parsed here, so a hand-edited value gets a sentence, not the binder's message.
    [BindProperty(SupportsGet = true, Name = "supplier")]
    public string? SupplierValue { get; set; }

    [BindProperty(SupportsGet = true, Name = "group")]
    public string? GroupValue { get; set; }

    [BindProperty(SupportsGet = true, Name = "question")]
    public string? QuestionValue { get; set; }

    /// <summary>Not named "page": Razor Pages reserves that route value for the page path.</summary>
    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public string? PageValue { get; set; }

    /// <summary>The page of suppliers shown, from 1.</summary>
    public int PageNumber { get; private set; } = 1;

    public CampaignDetails Campaign { get; private set; } = null!;

    /// <summary>Null if the campaign's questionnaire version cannot be read.</summary>
    public QuestionnaireVersion? Questionnaire { get; private set; }

    /// <summary>The questions the question filter offers.</summary>
    public IReadOnlyList<NumberedQuestion> Choosable { get; private set; } = [];

    public ResponseFilter Filter { get; private set; } = new(null, null, null);

    /// <summary>The suppliers of this page (or the one filtered), each with its responses in the filtered group.</summary>
    public IReadOnlyList<SupplierResponses> Suppliers { get; private set; } = [];

    public int TotalSuppliers { get; private set; }

    public int PageCount { get; private set; } = 1;

    /// <summary>Every supplier of the campaign for the filter's list, or null when there are too many to list.</summary>
    public IReadOnlyList<SupplierProgress>? SupplierChoices { get; private set; }

    /// <summary>The groups shown, in the order shown: self-assessment, then internal evaluation.</summary>
    public IReadOnlyList<RecipientKind> Groups => Filter.Group is { } group ? [group] : [RecipientKind.Contact, RecipientKind.Evaluator];

    /// <summary>The responses on this page, every supplier's together.</summary>
    public IEnumerable<(SupplierResponses Supplier, RespondentResponse Respondent)> Responses =>
        Suppliers.SelectMany(s => s.Responses.Select(r => (s, r)));

    /// <summary>"Responses", "Comments": what the page is called.</summary>
    protected abstract string What { get; }

    public string Title => $"{What}: {Campaign.Definition.Name}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await CampaignResponses.OpenAsync(Grains, id) is not { } source)
        {
            return NotFound();
        }

        (Campaign, Questionnaire) = (source.Campaign, source.Questionnaire);
        Choosable = Filterable(source.Questions);
        var problems = new List<string>();
        Filter = ResponseFilter.Parse(SupplierValue, GroupValue, QuestionValue, Choosable, QuestionsAre, problems);
        if (!string.IsNullOrWhiteSpace(PageValue))
        {
            if (int.TryParse(PageValue, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
            {
                PageNumber = number;
            }
            else
            {
                problems.Add($"\"{(PageValue.Length > 20 ? PageValue[..20] + "…" : PageValue)}\" is not a page number: the first page is shown.");
            }
        }

        foreach (var problem in problems)
        {
            AddPageError(null, problem);
        }

        var campaign = Grains.GetGrain<ICampaignGrain>(id);
        var everyone = await campaign.GetSuppliersAsync(nonRespondersOnly: false, 0, MaxSupplierChoices);
        SupplierChoices = everyone.Total <= MaxSupplierChoices ? everyone.Items : null;
        TotalSuppliers = everyone.Total;
        if (Filter.SupplierId is { } supplierId)
        {
            Suppliers = [await CampaignResponses.ReadSupplierAsync(Grains, id, supplierId, Filter.Group, ct)];
            PageNumber = 1;
        }
        else
        {
            var page = await CampaignResponses.ReadPageAsync(Grains, id, PageNumber, Filter.Group, ct);
            (Suppliers, PageNumber, PageCount, TotalSuppliers) = (page.Suppliers, page.PageNumber, page.PageCount, page.TotalSuppliers);
        }

        return Page();
    }

    /// <summary>The questions this page's question filter may name.</summary>
    protected abstract IReadOnlyList<NumberedQuestion> Filterable(IReadOnlyList<NumberedQuestion> questions);

    /// <summary>What those questions are called in a message about a question filter that names none of them.</summary>
    protected virtual string QuestionsAre => "question";

    /// <summary>
    /// Query values for a link with the same filters on another page of suppliers. Without the question for a link to
    /// the other page: the comments page takes only free-text questions.
    /// </summary>
    public Dictionary<string, string> RouteFor(int pageNumber, bool withQuestion = true) => Route(Filter.SupplierId, pageNumber, withQuestion);

    /// <summary>The same filters for one supplier (null: every supplier, from the first page).</summary>
    public Dictionary<string, string> RouteForSupplier(Guid? supplierId) => Route(supplierId, 1, withQuestion: true);

    private Dictionary<string, string> Route(Guid? supplierId, int pageNumber, bool withQuestion)
    {
        var values = new Dictionary<string, string> { ["id"] = Campaign.Id.ToString() };
        if (supplierId is { } supplier)
        {
            values["supplier"] = supplier.ToString();
        }

        if (Filter.Group is { } group)
        {
            values["group"] = ResponseText.Slug(group);
        }

        if (withQuestion && Filter.Question is { } question)
        {
            values["question"] = question.Question.Id;
        }

        if (pageNumber > 1)
        {
            values["pageNumber"] = pageNumber.ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }
}
