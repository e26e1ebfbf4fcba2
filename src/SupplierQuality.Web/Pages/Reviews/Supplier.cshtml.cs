using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Web.Reviews;

namespace SupplierQuality.Web.Pages.Reviews;

/// <summary>The decision form as posted: text, so a date that is not a date gets this page's sentence.</summary>
public sealed class DecisionForm
{
    public string? Decision { get; set; }

    public string? Owner { get; set; }

    /// <summary>yyyy-MM-dd, as a date input posts it.</summary>
    public string? Due { get; set; }

    public string? Note { get; set; }

    /// <summary>The revision of the supplier's decision when the form was shown (0: none yet).</summary>
    public int Revision { get; set; }
}

/// <summary>
/// One supplier of a review: its frozen numbers, where it stood in the previous review, its changes in the audit
/// trail, and the form that records its decision. A decision recorded by someone else since the form was shown is not
/// overwritten: the page says who, and shows the current one.
/// </summary>
public sealed class SupplierModel(IGrainFactory grains) : ReviewPageModel(grains)
{
    /// <summary>The grain's field names and the form's.</summary>
    private static readonly Dictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["decision"] = "Form.Decision",
        ["owner"] = "Form.Owner",
        ["due"] = "Form.Due",
        ["note"] = "Form.Note",
    };

    [BindProperty]
    public DecisionForm Form { get; set; } = new();

    public ReviewDetails Review { get; private set; } = null!;

    public ReviewLine Line { get; private set; } = null!;

    public bool Open => Review.Status == ReviewStatus.Open;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid supplierId)
    {
        if (!await LoadAsync(id, supplierId))
        {
            return NotFound();
        }

        Form = FormOf(Line.Decision);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid supplierId)
    {
        if (!CanChange)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, supplierId))
        {
            return NotFound();
        }

        var dueText = Form.Due?.Trim();
        if (!DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            AddFieldError("Form.Due", "Enter the due date as a date, such as 2027-03-31.");
            return Page();
        }

        var result = await Grains.GetReview(id).RecordDecisionAsync(
            supplierId, Form.Decision ?? string.Empty, Form.Owner ?? string.Empty, due, Form.Note ?? string.Empty, By, Form.Revision);
        switch (result.Outcome)
        {
            case CommandOutcome.Ok:
                Message = $"Decision recorded for {Line.Row.Name}.";
                return Redirect($"/reviews/{id}#supplier-{supplierId}");
            case CommandOutcome.NotFound:
                return NotFound();
            case CommandOutcome.Conflict:
                // Show what is stored now: the decision someone else recorded, or the review as it was finished.
                await LoadAsync(id, supplierId);
                ModelState.Clear();
                Form = FormOf(Line.Decision);
                AddPageError(null, result.Message ?? "The decision was not recorded.");
                return Page();
            default:
                foreach (var (key, messages) in result.Errors)
                {
                    foreach (var message in messages)
                    {
                        if (Fields.TryGetValue(key, out var field))
                        {
                            AddFieldError(field, message);
                        }
                        else
                        {
                            AddPageError(null, message);
                        }
                    }
                }

                return Page();
        }
    }

    private static DecisionForm FormOf(ReviewDecision? decision) => decision is null
        ? new DecisionForm()
        : new DecisionForm
        {
            Decision = decision.Decision,
            Owner = decision.Owner,
            Due = ReviewText.Date(decision.Due),
            Note = decision.Note,
            Revision = decision.Revision,
        };

    private async Task<bool> LoadAsync(Guid id, Guid supplierId)
    {
        if (await Grains.GetReview(id).GetAsync() is not { } review || review.LineOf(supplierId) is not { } line)
        {
            return false;
        }

        (Review, Line) = (review, line);
        return true;
    }
}
