using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Reviews;

namespace SupplierQuality.Web.Pages.Reviews;

/// <summary>
/// A review: the frozen ranking with each supplier's previous standing and decision, links to record decisions, the
/// audit trail, the exports, and (for executives and admins) the finish form, which takes a ticked box.
/// </summary>
public sealed class DetailsModel(IGrainFactory grains) : ReviewPageModel(grains)
{
    public ReviewDetails Review { get; private set; } = null!;

    public int Decided => Review.Lines.Count(l => l.Decision is not null);

    public string RankingCsv =>
        $"/rankings.csv?period={Uri.EscapeDataString(Review.Period.ToString())}{(Review.Category is { } c ? "&category=" + Uri.EscapeDataString(c) : "")}";

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFinishAsync(Guid id, bool confirm)
    {
        if (!CanChange)
        {
            return Forbid();
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!confirm)
        {
            AddFieldError("confirm", "Tick the box to confirm: a finished review cannot be changed again.");
            return Page();
        }

        var result = await Grains.GetReview(id).FinishAsync(By);
        switch (result.Outcome)
        {
            case CommandOutcome.Ok:
                Message = "Finished: the review is read-only from now on.";
                return RedirectToPage("Details", new { id });
            case CommandOutcome.NotFound:
                return NotFound();
            default:
                AddPageError(null, $"The review was not finished: {result.Message}");
                return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await Grains.GetReview(id).GetAsync() is not { } review)
        {
            return false;
        }

        Review = review;
        return true;
    }
}
