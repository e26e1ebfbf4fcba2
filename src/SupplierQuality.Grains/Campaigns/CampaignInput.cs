using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// The rules a campaign definition must meet, shared by the API, the pages and the grain. Error keys are camel-case
/// field names (<c>name</c>, <c>evaluators[1].email</c>).
/// </summary>
public static class CampaignInput
{
    public const int MaxNameLength = 200;
    public const int MaxSubjectLength = 200;
    public const int MaxIntroLength = 5000;
    public const int MaxEvaluators = 50;
    public const int MaxReminders = 10;
    public const int MaxHandReminderLine = 500;
    public const int MaxChosenSuppliers = 50_000;

    public static CampaignDefinition Normalize(CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition with
        {
            Name = definition.Name?.Trim() ?? string.Empty,
            Category = definition.Audience == AudienceKind.Category ? definition.Category?.Trim() ?? string.Empty : null,
            Suppliers = definition.Audience == AudienceKind.Chosen ? [.. (definition.Suppliers ?? []).Distinct()] : [],
            Evaluators = [.. (definition.Evaluators ?? []).Select(e => new Evaluator(e?.Name?.Trim() ?? string.Empty, e?.Email?.Trim() ?? string.Empty))],
            ReminderDays = [.. (definition.ReminderDays ?? []).Distinct().Order()],
            Subject = definition.Subject?.Trim() ?? string.Empty,
            Intro = definition.Intro?.Trim() ?? string.Empty,
            BuyerName = definition.BuyerName?.Trim() ?? string.Empty,
            // Null only from a caller that bypassed the record's defaults (a deserializer): the default text, as omitted.
            EvaluatorSubject = definition.EvaluatorSubject?.Trim() ?? SurveyTexts.EvaluatorSubject,
            EvaluatorIntro = definition.EvaluatorIntro?.Trim() ?? SurveyTexts.EvaluatorIntro,
            // As the time zone database spells it ("europe/berlin" is Europe/Berlin); an unknown one is kept for its error.
            TimeZone = string.IsNullOrWhiteSpace(definition.TimeZone) ? Zone.UtcId
                : Zone.TryFind(definition.TimeZone, out var zone) ? zone.Id
                : definition.TimeZone.Trim(),
            // English is the default, stored as none; a code not offered is kept for its error.
            Language = string.IsNullOrWhiteSpace(definition.Language) ? null
                : Email.Languages.Language.TryFind(definition.Language, out var language) ? (language == Email.Languages.Language.English ? null : language.Code)
                : definition.Language.Trim(),
        };
    }

    /// <summary>
    /// <see cref="Validate"/>'s field errors and, when the questionnaire is named, whether that version is published
    /// (asked of its grain): what a campaign grain checks before it saves or launches.
    /// </summary>
    internal static async Task<Dictionary<string, string[]>> ProblemsAsync(IGrainFactory grains, CampaignDefinition d, DateTimeOffset now)
    {
        var errors = Validate(d, now);
        if (!errors.ContainsKey("questionnaire")
            && await grains.GetGrain<IQuestionnaireGrain>(d.QuestionnaireId).GetVersionAsync(d.QuestionnaireVersion) is not { Status: VersionStatus.Published })
        {
            errors["questionnaire"] = ["Choose a published questionnaire version."];
        }

        return errors;
    }

    /// <summary>Field errors of a normalized definition, judged at <paramref name="now"/>; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(CampaignDefinition d, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(d);
        var errors = new FieldErrors();
        Text(errors, "name", d.Name, MaxNameLength, "the campaign's name");
        Text(errors, "buyerName", d.BuyerName, MaxNameLength, "the buying company's name");
        MailText(errors, "subject", d.Subject, subject: true, "the subject of the email to the supplier's contacts");
        MailText(errors, "intro", d.Intro, subject: false, "the intro of the email to the supplier's contacts");
        MailText(errors, "evaluatorSubject", d.EvaluatorSubject, subject: true, "the subject of the email to internal evaluators");
        MailText(errors, "evaluatorIntro", d.EvaluatorIntro, subject: false, "the intro of the email to internal evaluators");
        if (!errors.Has("evaluatorSubject") && !MailTemplate.Uses(d.EvaluatorSubject, MailTemplate.SupplierName))
        {
            errors.Add(
                "evaluatorSubject",
                "Name the supplier in the evaluators' subject with {{supplier_name}}: it names the suppliers an evaluator is asked to rate.");
        }

        if (d.QuestionnaireId == Guid.Empty || d.QuestionnaireVersion < 1)
        {
            errors.Add("questionnaire", "Choose a published questionnaire version.");
        }

        switch (d.Audience)
        {
            case AudienceKind.Category when string.IsNullOrEmpty(d.Category):
                errors.Add("category", "Choose the category of suppliers to ask.");
                break;
            case AudienceKind.Chosen when d.Suppliers.Count == 0:
                errors.Add("suppliers", "Choose at least one supplier.");
                break;
            case AudienceKind.Chosen when d.Suppliers.Count > MaxChosenSuppliers:
                errors.Add("suppliers", $"Choose at most {MaxChosenSuppliers:N0} suppliers.");
                break;
            case AudienceKind.AllActive or AudienceKind.Category or AudienceKind.Chosen:
                break;
            default:
                errors.Add("audience", "Choose who to ask.");
                break;
        }

        if (d.Evaluators.Count > MaxEvaluators)
        {
            errors.Add("evaluators", $"Name at most {MaxEvaluators} evaluators.");
        }

        for (var i = 0; i < d.Evaluators.Count && i < MaxEvaluators; i++)
        {
            var e = d.Evaluators[i];
            Text(errors, $"evaluators[{i}].name", e.Name, Invitations.InvitationGrain.MaxNameLength, "the evaluator's name");
            if (AccountEmail.Normalize(e.Email) is null || e.Email.Length > Invitations.InvitationGrain.MaxEmailLength)
            {
                errors.Add($"evaluators[{i}].email", $"'{Shorten(e.Email)}' is not an email address.");
            }
        }

        if (!Zone.TryFind(d.TimeZone, out _))
        {
            errors.Add("timeZone", Zone.Unknown(d.TimeZone));
        }

        if (d.Language is not null && !Email.Languages.Language.TryFind(d.Language, out _))
        {
            errors.Add("language", $"Choose one of the languages offered: {string.Join(", ", Email.Languages.Language.All.Select(l => $"{l.Code} ({l.NativeName})"))}.");
        }

        var opens = d.OpensAt ?? now;
        if (d.OpensAt is { } at && at < now.AddMinutes(-5))
        {
            errors.Add("opensAt", "The opening time is in the past; leave it empty to open at launch.");
        }

        if (d.Deadline <= opens.AddHours(1))
        {
            errors.Add("deadline", "The deadline must be at least an hour after the opening time.");
        }
        else if (d.Deadline > opens.AddYears(1))
        {
            errors.Add("deadline", "The deadline must be within a year of the opening time.");
        }

        if (d.ReminderDays.Count > MaxReminders)
        {
            errors.Add("reminderDays", $"Plan at most {MaxReminders} reminders.");
        }
        else if (d.ReminderDays.Any(day => day < 1 || opens.AddDays(day) >= d.Deadline))
        {
            errors.Add("reminderDays", "Each reminder is a whole number of days (1 or more) after opening, before the deadline.");
        }

        return errors.ToDictionary();
    }

    /// <summary>A subject or intro: present, not too long, a subject on one line, and only known placeholders, well closed.</summary>
    private static void MailText(FieldErrors errors, string key, string value, bool subject, string what)
    {
        Text(errors, key, value, subject ? MaxSubjectLength : MaxIntroLength, what);
        if (errors.Has(key))
        {
            return;
        }

        if (subject && (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)))
        {
            errors.Add(key, "The subject must be one line.");
        }
        else if (MailTemplate.Validate(value) is { Count: > 0 } problems)
        {
            errors.Add(key, problems);
        }
    }

    private static void Text(FieldErrors errors, string key, string value, int max, string what)
    {
        if (value.Length == 0)
        {
            errors.Add(key, $"Enter {what}.");
        }
        else if (value.Length > max)
        {
            errors.Add(key, $"Shorten {what} to at most {max} characters.");
        }
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
