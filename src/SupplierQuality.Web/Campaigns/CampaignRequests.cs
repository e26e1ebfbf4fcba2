using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Organisation;

namespace SupplierQuality.Web.Campaigns;

/// <summary>A colleague at the buying company who rates every supplier of the campaign.</summary>
internal sealed record EvaluatorRequest(string? Name, string? Email);

/// <summary>
/// The body of <c>POST /api/campaigns</c> (a new draft) and <c>PUT /api/campaigns/{id}</c> (a draft replaced).
/// Times are ISO 8601 instants with an offset (<c>2026-03-31T17:00:00Z</c>). With an <see cref="Id"/> a create is
/// safe to retry: the same body again answers 200 with the campaign it created.
/// </summary>
/// <param name="Audience"><c>AllActive</c>, <c>Category</c> (with <see cref="Category"/>) or <c>Chosen</c> (with <see cref="Suppliers"/>).</param>
/// <param name="OpensAt">When the invitations go out; leave it out to send them at launch.</param>
/// <param name="ReminderDays">Days after opening on which those who have not answered are reminded.</param>
/// <param name="Subject">The subject of the email to the suppliers' contacts; leave it out for the default text.</param>
/// <param name="Intro">The intro of the email to the suppliers' contacts, also shown on their form; leave it out for the default text.</param>
/// <param name="BuyerName">Leave it out for the organisation's name (<c>/admin/organisation</c>).</param>
/// <param name="EvaluatorSubject">The subject of the email to internal evaluators (it must hold <c>{{supplier_name}}</c>); leave it out for the default text.</param>
/// <param name="EvaluatorIntro">The intro of the email to internal evaluators, also shown on their form; leave it out for the default text.</param>
/// <param name="TimeZone">
/// The IANA time zone (<c>Europe/Berlin</c>) in which the emails and forms tell respondents the deadline, with its
/// offset; leave it out for UTC. The API's own times stay ISO 8601 instants whatever it is.
/// </param>
/// <param name="Language">
/// The code of the language (<c>en</c>, <c>de</c>, <c>fr</c>, <c>es</c>) of the emails and forms for contacts with no
/// preferred language of their own and for the evaluators; leave it out for English.
/// </param>
internal sealed record CampaignRequest(
    Guid? Id,
    string? Name,
    Guid? QuestionnaireId,
    int? QuestionnaireVersion,
    string? Audience,
    string? Category,
    IReadOnlyList<Guid>? Suppliers,
    IReadOnlyList<EvaluatorRequest?>? Evaluators,
    DateTimeOffset? OpensAt,
    DateTimeOffset? Deadline,
    IReadOnlyList<int>? ReminderDays,
    string? Subject,
    string? Intro,
    string? BuyerName,
    string? EvaluatorSubject,
    string? EvaluatorIntro,
    string? TimeZone = null,
    string? Language = null);

/// <summary>The body of <c>POST /api/campaigns/{id}/deadline</c>.</summary>
internal sealed record DeadlineRequest(DateTimeOffset? Deadline);

/// <summary>The body of <c>POST /api/campaigns/{id}/remind</c>; the line is optional.</summary>
internal sealed record RemindRequest(string? Line);

/// <summary>The body of <c>POST /api/campaigns/{id}/suppliers</c>.</summary>
internal sealed record AddSuppliersRequest(IReadOnlyList<Guid>? SupplierIds);

/// <summary>The campaign list, newest first.</summary>
internal sealed record CampaignList(IReadOnlyList<CampaignSummary> Items);

internal static class CampaignRequestMapping
{
    /// <summary>The audiences by the names the API and the forms use.</summary>
    public static IReadOnlyList<string> AudienceNames { get; } = Enum.GetNames<AudienceKind>();

    /// <summary>
    /// An audience by name, any case; null for a missing or unknown one. Numbers are refused: they are what
    /// <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would take for any value.
    /// </summary>
    public static AudienceKind? ParseAudience(string? value)
    {
        var name = value?.Trim();
        return AudienceNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is { } known
            ? Enum.Parse<AudienceKind>(known)
            : null;
    }

    /// <summary>The message for a missing or unknown audience.</summary>
    public static string AudienceError(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? $"Choose who to ask: {string.Join(", ", AudienceNames)}."
            : $"'{value.Trim()}' is not an audience. Use {string.Join(", ", AudienceNames)}.";

    /// <summary>
    /// The normalized definition and every field error the request has (empty when it is valid), with the shared
    /// rules' keys; judged at <paramref name="now"/>. Suppliers that do not exist are an error here, not a surprise
    /// in the middle of the campaign.
    /// </summary>
    public static async Task<(CampaignDefinition Definition, Dictionary<string, string[]> Errors)> ToDefinitionAsync(
        IGrainFactory grains, CampaignRequest body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buyerName = string.IsNullOrWhiteSpace(body.BuyerName) ? (await grains.GetOrganisation().GetAsync()).Profile.Name : body.BuyerName;
        var audience = ParseAudience(body.Audience);
        var definition = CampaignInput.Normalize(new CampaignDefinition(
            body.Name ?? string.Empty,
            body.QuestionnaireId ?? Guid.Empty,
            body.QuestionnaireVersion ?? 0,
            audience ?? AudienceKind.AllActive,
            body.Category,
            body.Suppliers ?? [],
            [.. (body.Evaluators ?? []).Select(e => new Evaluator(e?.Name ?? string.Empty, e?.Email ?? string.Empty))],
            body.OpensAt,
            body.Deadline ?? StandInDeadline(body.OpensAt ?? now),
            body.ReminderDays ?? [],
            body.Subject ?? SurveyTexts.ContactSubject,
            body.Intro ?? SurveyTexts.ContactIntro,
            buyerName,
            body.EvaluatorSubject ?? SurveyTexts.EvaluatorSubject,
            body.EvaluatorIntro ?? SurveyTexts.EvaluatorIntro,
            body.TimeZone ?? Zone.UtcId,
            body.Language));
        var errors = CampaignInput.Validate(definition, now);
        if (audience is null)
        {
            errors["audience"] = [AudienceError(body.Audience)];
        }

        if (body.Deadline is null)
        {
            errors["deadline"] = ["Send the deadline: an ISO 8601 time with an offset, such as 2026-03-31T17:00:00Z."];
        }

        if (!errors.ContainsKey("suppliers") && await CampaignSuppliers.UnknownAsync(grains, definition.Suppliers) is { Count: > 0 } unknown)
        {
            errors["suppliers"] = [CampaignSuppliers.Describe(unknown)];
        }

        return (definition, errors);
    }

    /// <summary>
    /// The latest deadline the rules allow, put in for a missing one: the rules that depend on the deadline (the
    /// reminder days) then pass or fail on their own merits, and only the missing deadline itself is reported.
    /// </summary>
    public static DateTimeOffset StandInDeadline(DateTimeOffset opens) => opens.AddYears(1);
}
