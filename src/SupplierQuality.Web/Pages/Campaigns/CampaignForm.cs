using System.Globalization;
using System.Text.RegularExpressions;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Web.Campaigns;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>An error of the campaign form: the posted field it belongs to (null: the whole form) and the message.</summary>
public sealed record FieldMessage(string? Field, string Message);

/// <summary>
/// The campaign form as posted. Every text is nullable: empty inputs bind as null, and the shared rules
/// (<see cref="CampaignInput"/>) speak. Times are typed in the reader's time zone, as <c>datetime-local</c> inputs send
/// them (<see cref="Zone"/>); the campaign's own zone, in which respondents read the deadline, is a field of the form.
/// </summary>
public sealed partial class CampaignForm
{
    public const string Prefix = "Form";

    /// <summary>Chosen when the form is first shown, so sending it twice creates one campaign, not two.</summary>
    public Guid Id { get; set; }

    public string? Name { get; set; }

    /// <summary>The questionnaire version, as <see cref="QuestionnaireValue"/> writes it.</summary>
    public string? Questionnaire { get; set; }

    /// <summary>An <see cref="AudienceKind"/> name.</summary>
    public string? Audience { get; set; }

    public string? Category { get; set; }

    /// <summary>The chosen suppliers: the boxes ticked on the picker's page and those chosen on its other pages.</summary>
    public List<Guid> Suppliers { get; set; } = [];

    /// <summary>One <c>Name &lt;email&gt;</c> a line.</summary>
    public string? Evaluators { get; set; }

    /// <summary>In the reader's zone, <c>2026-03-02T09:00</c>; empty to open at launch.</summary>
    public string? OpensAt { get; set; }

    /// <summary>In the reader's zone, <c>2026-03-31T17:00</c>.</summary>
    public string? Deadline { get; set; }

    /// <summary>The campaign's IANA time zone; empty for the reader's.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The code of the campaign's language (<see cref="Email.Languages.Language"/>); empty for English.</summary>
    public string? Language { get; set; }

    /// <summary>Whole days after opening, separated by commas: <c>3, 7</c>.</summary>
    public string? ReminderDays { get; set; }

    /// <summary>The subject of the email to the suppliers' contacts.</summary>
    public string? Subject { get; set; }

    /// <summary>The intro of the email to the suppliers' contacts.</summary>
    public string? Intro { get; set; }

    public string? EvaluatorSubject { get; set; }

    public string? EvaluatorIntro { get; set; }

    public string? BuyerName { get; set; }

    /// <summary>A new campaign's form: each group's default texts filled in, for the manager to adapt, in the manager's zone.</summary>
    public static CampaignForm Blank(string buyerName, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new CampaignForm
        {
            Id = Guid.NewGuid(),
            ReminderDays = "3, 7",
            Subject = SurveyTexts.ContactSubject,
            Intro = SurveyTexts.ContactIntro,
            EvaluatorSubject = SurveyTexts.EvaluatorSubject,
            EvaluatorIntro = SurveyTexts.EvaluatorIntro,
            BuyerName = buyerName,
            TimeZone = zone.Id,
        };
    }

    /// <summary>The form of a saved definition, its times in the reader's <paramref name="zone"/>.</summary>
    public static CampaignForm From(Guid id, CampaignDefinition d, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(zone);
        return new CampaignForm
        {
            Id = id,
            Name = d.Name,
            Questionnaire = QuestionnaireValue(d.QuestionnaireId, d.QuestionnaireVersion),
            Audience = d.Audience.ToString(),
            Category = d.Category,
            Suppliers = [.. d.Suppliers],
            Evaluators = string.Join('\n', d.Evaluators.Select(e => $"{e.Name} <{e.Email}>")),
            OpensAt = d.OpensAt is { } opens ? zone.Input(opens) : null,
            Deadline = zone.Input(d.Deadline),
            ReminderDays = string.Join(", ", d.ReminderDays),
            Subject = d.Subject,
            Intro = d.Intro,
            EvaluatorSubject = d.EvaluatorSubject,
            EvaluatorIntro = d.EvaluatorIntro,
            BuyerName = d.BuyerName,
            TimeZone = d.TimeZone,
            Language = d.Language,
        };
    }

    public static string QuestionnaireValue(Guid questionnaireId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{questionnaireId}:{version}");

    public bool IsAudience(AudienceKind audience) => string.Equals(Audience, audience.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The definition this form describes, and its errors judged at <paramref name="now"/>: what could not be read
    /// (a date, a time the clocks skip, a reminder day, an evaluator line), then the shared rules, in the order of the
    /// form. Times are read in the reader's <paramref name="zone"/>, which is also the campaign's when none was chosen.
    /// </summary>
    public (CampaignDefinition Definition, IReadOnlyList<FieldMessage> Errors) ToDefinition(DateTimeOffset now, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var audience = CampaignRequestMapping.ParseAudience(Audience);
        var (questionnaireId, version) = ParseQuestionnaire(Questionnaire);
        var (evaluators, _, lineProblems) = ParseEvaluators();
        DateTimeOffset? opensAt = null;
        if (!string.IsNullOrWhiteSpace(OpensAt))
        {
            if (!Zone.TryParseInput(OpensAt, out var local))
            {
                problems["opensAt"] = [$"Enter the opening time as a date and time in {zone.Id}, such as 2026-03-02 09:00, or leave it empty to open at launch."];
            }
            else if (!zone.TryResolve(local, out var at, out var gap))
            {
                problems["opensAt"] = [$"Opening time: {gap}"];
            }
            else
            {
                opensAt = at;
            }
        }

        DateTimeOffset deadline = default;
        if (!Zone.TryParseInput(Deadline, out var typed))
        {
            problems["deadline"] = [string.IsNullOrWhiteSpace(Deadline)
                ? "Enter the deadline."
                : $"Enter the deadline as a date and time in {zone.Id}, such as 2026-03-31 17:00."];
        }
        else if (!zone.TryResolve(typed, out deadline, out var gap))
        {
            problems["deadline"] = [$"Deadline: {gap}"];
        }

        if (problems.ContainsKey("deadline"))
        {
            deadline = CampaignRequestMapping.StandInDeadline(opensAt ?? now);
        }

        var reminderDays = new List<int>();
        foreach (var part in (ReminderDays ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                reminderDays.Add(day);
            }
            else
            {
                problems["reminderDays"] = ["Write the reminder days as whole numbers separated by commas, such as 3, 7."];
            }
        }

        if (audience is null)
        {
            problems["audience"] = ["Choose who to ask."];
        }

        if (lineProblems.Count > 0)
        {
            problems["evaluators"] = [.. lineProblems];
        }

        var definition = CampaignInput.Normalize(new CampaignDefinition(
            Name ?? string.Empty,
            questionnaireId,
            version,
            audience ?? AudienceKind.AllActive,
            Category,
            Suppliers,
            evaluators,
            opensAt,
            deadline,
            reminderDays,
            Subject ?? string.Empty,
            Intro ?? string.Empty,
            BuyerName ?? string.Empty,
            EvaluatorSubject ?? string.Empty,
            EvaluatorIntro ?? string.Empty,
            string.IsNullOrWhiteSpace(TimeZone) ? zone.Id : TimeZone,
            Language));
        var errors = CampaignInput.Validate(definition, now);
        foreach (var (key, messages) in problems)
        {
            // What could not be read says more than what the rules make of the gap it left.
            errors[key] = key == "evaluators" && errors.TryGetValue(key, out var more) ? [.. messages, .. more] : messages;
        }

        return (definition, FieldErrors(errors));
    }

    /// <summary>
    /// The shared rules' errors (<c>evaluators[2].email</c>) as errors of this form's fields, in form order; an
    /// evaluator's error names the line it was typed on. Keys the form has no field for have a null field.
    /// </summary>
    public IReadOnlyList<FieldMessage> FieldErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var (_, lines, _) = ParseEvaluators();
        return
        [
            .. errors
                .Select(e => (Place: Place(e.Key, lines), e.Value))
                .OrderBy(e => e.Place.Rank)
                .ThenBy(e => e.Place.Line)
                .SelectMany(e => e.Value.Select(message => new FieldMessage(
                    e.Place.Field,
                    e.Place.Line > 0 ? $"Line {e.Place.Line}: {message}" : message))),
        ];
    }

    /// <summary>Form order of the shared rules' keys, and the fields they are shown next to.</summary>
    private static readonly (string Key, string Field)[] Fields =
    [
        ("name", nameof(Name)),
        ("questionnaire", nameof(Questionnaire)),
        ("audience", nameof(Audience)),
        ("category", nameof(Category)),
        ("suppliers", nameof(Suppliers)),
        ("evaluators", nameof(Evaluators)),
        ("opensAt", nameof(OpensAt)),
        ("deadline", nameof(Deadline)),
        ("timeZone", nameof(TimeZone)),
        ("language", nameof(Language)),
        ("reminderDays", nameof(ReminderDays)),
        ("subject", nameof(Subject)),
        ("intro", nameof(Intro)),
        ("evaluatorSubject", nameof(EvaluatorSubject)),
        ("evaluatorIntro", nameof(EvaluatorIntro)),
        ("buyerName", nameof(BuyerName)),
    ];

    private static (int Rank, int Line, string? Field) Place(string key, List<int> evaluatorLines)
    {
        if (key.StartsWith("evaluators[", StringComparison.Ordinal)
            && key.IndexOf(']', StringComparison.Ordinal) is var close and > 11
            && int.TryParse(key.AsSpan(11, close - 11), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            key = "evaluators";
            var line = index < evaluatorLines.Count ? evaluatorLines[index] : 0;
            return (Array.FindIndex(Fields, f => f.Key == key), line, $"{Prefix}.{nameof(Evaluators)}");
        }

        var rank = Array.FindIndex(Fields, f => f.Key == key);
        return rank < 0 ? (Fields.Length, 0, null) : (rank, 0, $"{Prefix}.{Fields[rank].Field}");
    }

    private static (Guid Id, int Version) ParseQuestionnaire(string? value)
    {
        var colon = value?.LastIndexOf(':') ?? -1;
        return colon > 0
            && Guid.TryParse(value.AsSpan(0, colon), out var id)
            && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (id, version)
            : (Guid.Empty, 0);
    }

    /// <summary>
    /// The evaluators of the well-formed lines, the (1-based) line each was typed on, and a message for each line
    /// that is not <c>Name &lt;email&gt;</c>. Blank lines are skipped but counted, so the numbers match the box.
    /// </summary>
    private (List<Evaluator> Evaluators, List<int> Lines, List<string> Problems) ParseEvaluators()
    {
        var evaluators = new List<Evaluator>();
        var numbers = new List<int>();
        var problems = new List<string>();
        var lines = (Evaluators ?? string.Empty).ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (EvaluatorLine().Match(line) is { Success: true } match)
            {
                evaluators.Add(new Evaluator(match.Groups["name"].Value.Trim(), match.Groups["email"].Value.Trim()));
                numbers.Add(i + 1);
            }
            else
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Line {i + 1}: write the evaluator as Name <name@example.com>."));
            }
        }

        return (evaluators, numbers, problems);
    }

    [GeneratedRegex("^(?<name>[^<>]*)<(?<email>[^<>]*)>$")]
    private static partial Regex EvaluatorLine();
}
