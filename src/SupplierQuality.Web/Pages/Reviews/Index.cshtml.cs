using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Reviews;

namespace SupplierQuality.Web.Pages.Reviews;

/// <summary>The new-review form as posted. <see cref="Id"/> is made when the form is shown, so a second post of it is a retry.</summary>
public sealed class NewReviewForm
{
    public Guid Id { get; set; }

    public string? Title { get; set; }

    /// <summary>The period's string form (<see cref="RankingPeriod"/>).</summary>
    public string? Period { get; set; }

    /// <summary>Blank for all suppliers.</summary>
    public string? Category { get; set; }
}

/// <summary>
/// The strategic planning reviews, newest first, and the form that freezes a ranking into a new one (executives and
/// admins only). The ranking is read whole when the form is posted, so the review holds it as it was at that moment.
/// </summary>
public sealed class IndexModel(IGrainFactory grains) : ReviewPageModel(grains)
{
    [BindProperty]
    public NewReviewForm Form { get; set; } = new();

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ReviewSummary> Reviews { get; private set; } = [];

    /// <summary>Every period with responses, newest campaign first.</summary>
    public IReadOnlyList<RankingPeriodOption> Periods { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Form = new NewReviewForm { Id = Guid.NewGuid() };
        await LoadAsync();
        Form.Period = Periods.Count > 0 ? Periods[0].Period.ToString() : null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanChange)
        {
            return Forbid();
        }

        await LoadAsync();
        if (Form.Id == Guid.Empty)
        {
            Form.Id = Guid.NewGuid();
        }

        var title = Form.Title?.Trim() ?? string.Empty;
        if (title.Length == 0)
        {
            AddFieldError("Form.Title", "Enter a title for the review, such as \"Q2 2026 castings review\".");
        }
        else if (title.Length > ReviewRules.MaxTitleLength)
        {
            AddFieldError("Form.Title", $"The title can be at most {ReviewRules.MaxTitleLength} characters.");
        }

        var period = RankingPeriod.TryParse(Form.Period, out var parsed) ? Periods.FirstOrDefault(p => p.Period == parsed) : null;
        if (period is null)
        {
            AddFieldError("Form.Period", "Choose the period whose ranking the review freezes.");
        }

        string? category = null;
        if (!string.IsNullOrWhiteSpace(Form.Category))
        {
            category = Categories.FirstOrDefault(c => string.Equals(c, Form.Category.Trim(), StringComparison.OrdinalIgnoreCase));
            if (category is null)
            {
                AddFieldError("Form.Category", "Choose a category from the list, or all suppliers.");
            }
        }

        if (Errors.Count > 0 || period is null)
        {
            return Page();
        }

        var snapshot = await RankingSnapshot.ReadAsync(Grains, period.Period, category, HttpContext.RequestAborted);
        if (snapshot is null)
        {
            AddFieldError("Form.Category", $"The ranking holds more than {ReviewRules.MaxSuppliers.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} suppliers, more than one review can: choose a category.");
            return Page();
        }

        var result = await Grains.GetReview(Form.Id).CreateAsync(new CreateReview(
            title,
            period.Period,
            snapshot.Page.Period?.Label ?? period.Label,
            category,
            [.. snapshot.Rows.Select(ReviewRow.From)],
            By,
            snapshot.Page.Settings.Settings,
            PreviousPeriodLabel: snapshot.Page.PreviousPeriod?.Label));
        switch (result.Outcome)
        {
            case CommandOutcome.Created:
            case CommandOutcome.Ok:
                Message = $"The ranking of {period.Label} ({ReviewText.Scope(category).ToLowerInvariant()}) is frozen into this review: record a decision for each supplier.";
                return RedirectToPage("Details", new { id = Form.Id });
            case CommandOutcome.Conflict:
                AddPageError($"/reviews/{Form.Id}", "This form already created a review. Open it here, or reload this page to create another.");
                break;
            default:
                foreach (var (key, messages) in result.Errors)
                {
                    foreach (var message in messages)
                    {
                        switch (key)
                        {
                            case "title":
                                AddFieldError("Form.Title", message);
                                break;
                            case "period":
                            case "rows":
                                AddFieldError("Form.Period", message);
                                break;
                            default:
                                AddPageError(null, message);
                                break;
                        }
                    }
                }

                break;
        }

        return Page();
    }

    private async Task LoadAsync()
    {
        var reviews = Grains.GetReviewDirectory().ListAsync();
        var periods = Grains.GetRanking().PeriodsAsync();
        Categories = await Grains.ListSupplierCategoriesAsync();
        Periods = await periods;
        Reviews = await reviews;
    }
}
