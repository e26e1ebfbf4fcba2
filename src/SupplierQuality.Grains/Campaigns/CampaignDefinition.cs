using System.Text.Json.Serialization;
using SupplierQuality.Email.Templates;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>Which suppliers a campaign asks. Stored and sent by name.</summary>
[GenerateSerializer, Alias("SupplierQuality.Campaigns.AudienceKind")]
[JsonConverter(typeof(JsonStringEnumConverter<AudienceKind>))]
public enum AudienceKind
{
    /// <summary>Every active supplier at launch.</summary>
    AllActive = 0,

    /// <summary>Every active supplier of one category at launch.</summary>
    Category = 1,

    /// <summary>The suppliers listed.</summary>
    Chosen = 2,
}

/// <summary>A colleague at the buying company who rates every supplier of the campaign.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.Evaluator")]
public sealed record Evaluator(
    [property: Id(0)] string Name,
    [property: Id(1)] string Email);

/// <summary>
/// What a manager decides about a campaign. Times are UTC instants; <paramref name="TimeZone"/> is how respondents read them.
/// </summary>
/// <param name="OpensAt">When the invitations go out; null for at launch.</param>
/// <param name="ReminderDays">Days after opening on which non-responders get a reminder, ascending.</param>
/// <param name="Subject">
/// The subject of the email to the supplier's contacts (the self-assessment group); may hold placeholders (see
/// <see cref="MailTemplate"/>). Campaigns stored before evaluators had their own texts keep theirs here.
/// </param>
/// <param name="Intro">The opening text of the email to the supplier's contacts, also shown on their form; may hold placeholders.</param>
/// <param name="BuyerName">The buying company's name, shown in the email and on the form.</param>
/// <param name="EvaluatorSubject">The subject of the email to internal evaluators; must name the supplier with {{supplier_name}}.</param>
/// <param name="EvaluatorIntro">The opening text of the email to internal evaluators, also shown on their form.</param>
/// <param name="TimeZone">
/// The IANA time zone the supplier's contacts and the evaluators read the deadline in, with its offset, in the emails
/// and on the form ("31 March 2099, 19:00 (UTC+02:00, Europe/Berlin)"); "UTC" by default.
/// </param>
/// <param name="Language">
/// The code of the language (<see cref="Email.Languages.Language"/>) the emails and forms speak to a contact with no
/// preferred language of their own, and to the evaluators; null for English.
/// </param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.CampaignDefinition")]
public sealed record CampaignDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] Guid QuestionnaireId,
    [property: Id(2)] int QuestionnaireVersion,
    [property: Id(3)] AudienceKind Audience,
    [property: Id(4)] string? Category,
    [property: Id(5)] IReadOnlyList<Guid> Suppliers,
    [property: Id(6)] IReadOnlyList<Evaluator> Evaluators,
    [property: Id(7)] DateTimeOffset? OpensAt,
    [property: Id(8)] DateTimeOffset Deadline,
    [property: Id(9)] IReadOnlyList<int> ReminderDays,
    [property: Id(10)] string Subject,
    [property: Id(11)] string Intro,
    [property: Id(12)] string BuyerName,
    [property: Id(13)] string EvaluatorSubject = SurveyTexts.EvaluatorSubject,
    [property: Id(14)] string EvaluatorIntro = SurveyTexts.EvaluatorIntro,
    [property: Id(15)] string TimeZone = Zone.UtcId,
    [property: Id(16)] string? Language = null)
{
    // Value equality over the lists too, so a retried create is recognised as the same command.
    public bool Equals(CampaignDefinition? other) =>
        other is not null
        && Name == other.Name
        && QuestionnaireId == other.QuestionnaireId
        && QuestionnaireVersion == other.QuestionnaireVersion
        && Audience == other.Audience
        && Category == other.Category
        && Suppliers.SequenceEqual(other.Suppliers)
        && Evaluators.SequenceEqual(other.Evaluators)
        && OpensAt == other.OpensAt
        && Deadline == other.Deadline
        && ReminderDays.SequenceEqual(other.ReminderDays)
        && Subject == other.Subject
        && Intro == other.Intro
        && BuyerName == other.BuyerName
        && EvaluatorSubject == other.EvaluatorSubject
        && EvaluatorIntro == other.EvaluatorIntro
        && TimeZone == other.TimeZone
        && Language == other.Language;

    public override int GetHashCode() => HashCode.Combine(Name, QuestionnaireId, QuestionnaireVersion, Deadline);
}
