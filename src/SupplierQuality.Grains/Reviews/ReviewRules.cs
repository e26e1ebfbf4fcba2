using System.Globalization;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Reviews;

/// <summary>What a review accepts, and how its audit trail words a change. Pure: the grain and the pages share it.</summary>
internal static class ReviewRules
{
    public const int MaxTitleLength = 200;
    public const int MaxOwnerLength = 200;
    public const int MaxNoteLength = 2000;
    public const int MaxDecisionOptions = 20;
    public const int MaxDecisionOptionLength = 60;

    /// <summary>The most suppliers one review freezes: the scale the rankings are built for (docs/adr/0002).</summary>
    public const int MaxSuppliers = 10_000;

    /// <summary>
    /// The most audit entries a review takes decisions for. Finishing is always recorded, one past the limit, so a
    /// full review can still be closed.
    /// </summary>
    public const int MaxAuditEntries = 10_000;

    public const string ReadOnlyMessage = "This review is finished and read-only.";

    /// <summary>The decisions a review offers unless it was created with others.</summary>
    public static IReadOnlyList<string> DefaultDecisions { get; } = ["Develop", "Maintain", "Monitor", "Phase out"];

    /// <summary>Trimmed text, the default decisions for none, blank category as all suppliers.</summary>
    public static CreateReview Normalize(CreateReview command) => command with
    {
        Title = (command.Title ?? string.Empty).Trim(),
        PeriodLabel = (command.PeriodLabel ?? string.Empty).Trim(),
        Category = string.IsNullOrWhiteSpace(command.Category) ? null : command.Category.Trim(),
        CreatedBy = (command.CreatedBy ?? string.Empty).Trim(),
        Rows = command.Rows ?? [],
        DecisionOptions = command.DecisionOptions is null ? DefaultDecisions : [.. command.DecisionOptions.Select(o => (o ?? string.Empty).Trim())],
        PreviousPeriodLabel = string.IsNullOrWhiteSpace(command.PreviousPeriodLabel) ? null : command.PreviousPeriodLabel.Trim(),
    };

    /// <summary>Field errors of a normalized create (camelCase keys); empty when it can be stored.</summary>
    public static Dictionary<string, string[]> Validate(CreateReview command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new FieldErrors();
        if (command.Title.Length == 0)
        {
            errors.Add("title", "Enter a title for the review.");
        }
        else if (command.Title.Length > MaxTitleLength)
        {
            errors.Add("title", $"The title can be at most {MaxTitleLength} characters.");
        }

        if (command.Period is null || command.PeriodLabel.Length == 0)
        {
            errors.Add("period", "Choose the period whose ranking the review freezes.");
        }

        if (command.Rows.Count == 0)
        {
            errors.Add("rows", "The ranking of this period and scope has no suppliers: there is nothing to review.");
        }
        else if (command.Rows.Count > MaxSuppliers)
        {
            errors.Add("rows", $"A review holds at most {MaxSuppliers.ToString("N0", CultureInfo.InvariantCulture)} suppliers: choose a category.");
        }
        else if (command.Rows.Any(r => r is null || r.SupplierId == Guid.Empty || string.IsNullOrWhiteSpace(r.Name))
            || command.Rows.Select(r => r.SupplierId).Distinct().Count() != command.Rows.Count)
        {
            errors.Add("rows", "Each row needs a supplier id and name, and a supplier may appear only once.");
        }

        var options = command.DecisionOptions ?? [];
        if (options.Count == 0 || options.Count > MaxDecisionOptions
            || options.Any(o => o.Length == 0 || o.Length > MaxDecisionOptionLength)
            || options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
        {
            errors.Add("decisionOptions", $"Give 1 to {MaxDecisionOptions} different decisions of 1 to {MaxDecisionOptionLength} characters each.");
        }

        if (command.CreatedBy.Length == 0)
        {
            errors.Add("createdBy", "Say who creates the review.");
        }

        return errors.ToDictionary();
    }

    /// <summary>A decision as it would be stored: trimmed, line breaks as \n, the option spelled as the review spells it.</summary>
    public static (string Decision, string Owner, string Note) Normalize(IReadOnlyList<string> options, string? decision, string? owner, string? note)
    {
        ArgumentNullException.ThrowIfNull(options);
        var typed = (decision ?? string.Empty).Trim();
        var known = options.FirstOrDefault(o => string.Equals(o, typed, StringComparison.OrdinalIgnoreCase));
        return (known ?? typed, (owner ?? string.Empty).Trim(), (note ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
    }

    /// <summary>Field errors of a normalized decision (keys decision, owner, due, note); empty when it can be recorded.</summary>
    public static Dictionary<string, string[]> ValidateDecision(
        IReadOnlyList<string> options, DateTimeOffset createdAt, string decision, string owner, DateOnly due, string note)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new FieldErrors();
        if (!options.Contains(decision, StringComparer.Ordinal))
        {
            errors.Add("decision", $"Choose one of the decisions: {string.Join(", ", options)}.");
        }

        if (owner.Length == 0)
        {
            errors.Add("owner", "Enter who owns the decision.");
        }
        else if (owner.Length > MaxOwnerLength)
        {
            errors.Add("owner", $"The owner's name can be at most {MaxOwnerLength} characters.");
        }

        var created = DateOnly.FromDateTime(createdAt.UtcDateTime);
        if (due < created)
        {
            errors.Add("due", $"The due date cannot be before the review was created ({Date(created)}).");
        }

        if (note.Length > MaxNoteLength)
        {
            errors.Add("note", $"The note can be at most {MaxNoteLength.ToString("N0", CultureInfo.InvariantCulture)} characters.");
        }

        return errors.ToDictionary();
    }

    /// <summary>
    /// The audit trail's words for a decision: "Decision for Castings Ltd: Monitor → Phase out, owner Ana, due
    /// 2027-03-31". Each part that changed shows before → after; a changed note is said, not quoted.
    /// </summary>
    public static string DescribeDecision(string supplierName, ReviewDecision? before, ReviewDecision after)
    {
        ArgumentNullException.ThrowIfNull(after);
        static string Part(string? was, string now) => was is null || was == now ? now : $"{was} → {now}";
        var text = $"Decision for {supplierName}: {Part(before?.Decision, after.Decision)}, owner {Part(before?.Owner, after.Owner)}, "
            + $"due {Part(before is null ? null : Date(before.Due), Date(after.Due))}";
        var note = (before?.Note ?? string.Empty, after.Note) switch
        {
            ("", "") => null,
            ("", _) => "note added",
            (_, "") => "note removed",
            var (was, now) when was != now => "note changed",
            _ => null,
        };
        return note is null ? text : $"{text}; {note}";
    }

    /// <summary>"all suppliers" or "category Castings".</summary>
    public static string Scope(string? category) => category is null ? "all suppliers" : $"category {category}";

    public static bool SameScope(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
