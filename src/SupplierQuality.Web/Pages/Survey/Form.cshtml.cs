using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Web.Pages.Questionnaires;

namespace SupplierQuality.Web.Pages.Survey;

/// <summary>What <c>/s/{token}</c> shows.</summary>
public enum SurveyView
{
    /// <summary>Malformed or unknown token: one page for all, 404, so a caller learns nothing about tokens.</summary>
    NotValid,

    /// <summary>Past the deadline or cancelled: 410.</summary>
    Closed,

    /// <summary>The questions, with the draft, the submitted answers being edited, or what was just typed.</summary>
    Form,

    /// <summary>What was submitted, with a link to edit it.</summary>
    Submitted,
}

/// <summary>
/// The supplier's form at <c>/s/{token}</c>, anonymous: the token is the credential. GET shows the form (or what
/// was submitted); POST saves a draft (<c>action=save</c>) or submits. Both answer with a redirect only after the
/// invitation grain stored the answers; invalid answers come back with messages and everything typed.
/// </summary>
[AllowAnonymous]
public sealed class FormModel(IGrainFactory grains) : PageModel
{
    private const string AnswersPrefix = "answers[";

    public SurveyView View { get; private set; }

    public string Token { get; private set; } = string.Empty;

    public InvitationForm? Invitation { get; private set; }

    public QuestionnaireFormModel Form { get; private set; } = null!;

    public IReadOnlyList<PageError> Errors { get; private set; } = [];

    public Guid SubmissionId { get; private set; }

    public bool JustSaved { get; private set; }

    public bool JustSubmitted { get; private set; }

    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>An answer as the supplier chose it: the labels of the chosen options, or what was typed.</summary>
    public static string Readable(Question question, IReadOnlyDictionary<string, string[]> answers)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answers);
        if (!answers.TryGetValue(question.Id, out var values) || values.Length == 0)
        {
            return "Not answered";
        }

        var labels = QuestionnaireFormModel.Choices(question).ToDictionary(c => c.Value, c => c.Label, StringComparer.Ordinal);
        return string.Join(", ", values.Select(v => labels.GetValueOrDefault(v, v)));
    }

    // The handlers take no parameters, so MVC's model binding never parses the query or the form: its jQuery-style
    // key parser throws on a key like "answers[" and that would be a 500. The page reads what it needs itself.
    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } notShown)
        {
            return notShown;
        }

        var (edit, saved, submitted) = (Flag("edit"), Flag("saved"), Flag("submitted"));
        var invitation = Invitation!;
        JustSaved = saved && invitation.Draft is not null;
        if (invitation is { Submitted: not null, Draft: null } && !edit)
        {
            JustSubmitted = submitted;
            return Show(SurveyView.Submitted, invitation.Submitted.Answers);
        }

        SubmissionId = Guid.NewGuid();
        return Show(SurveyView.Form, invitation.Draft ?? invitation.Submitted?.Answers ?? new Dictionary<string, string[]>());
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } notShown)
        {
            return notShown;
        }

        var answers = PostedAnswers();
        SubmissionId = Guid.TryParse(Request.Form["submissionId"], out var id) && id != Guid.Empty ? id : Guid.NewGuid();
        var grain = grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(Token));
        var save = string.Equals(Request.Form["action"], "save", StringComparison.Ordinal);
        var result = save ? await grain.SaveDraftAsync(answers) : await grain.SubmitAsync(answers, SubmissionId);
        switch (result.Outcome)
        {
            case InvitationOutcome.Ok:
                return Redirect($"/s/{Token}?{(save ? "saved" : "submitted")}=true");
            case InvitationOutcome.Invalid:
                return Show(SurveyView.Form, answers, result.Errors);
            case InvitationOutcome.Closed:
                Invitation = await grain.GetFormAsync();
                return Show(SurveyView.Closed, answers);
            default:
                return NotValid();
        }
    }

    /// <summary>Null when the invitation is open; otherwise the page to answer with (not valid, or closed).</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var token = RouteData.Values["token"] as string;
        // The shape is checked before any grain call, so malformed links cost nothing.
        if (!InvitationToken.TryParse(token, out var parsed))
        {
            return NotValid();
        }

        Token = parsed;
        Invitation = await grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(parsed)).GetFormAsync();
        if (Invitation is null)
        {
            return NotValid();
        }

        return Invitation.IsClosed ? Show(SurveyView.Closed, new Dictionary<string, string[]>()) : null;
    }

    private bool Flag(string name) => string.Equals(Request.Query[name], "true", StringComparison.OrdinalIgnoreCase);

    private PageResult NotValid()
    {
        View = SurveyView.NotValid;
        Invitation = null;
        Token = string.Empty;
        return new PageResult { StatusCode = StatusCodes.Status404NotFound };
    }

    private PageResult Show(SurveyView view, IReadOnlyDictionary<string, string[]> answers, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        View = view;
        var version = Invitation!.Questionnaire;
        Form = new QuestionnaireFormModel
        {
            Version = version,
            Answers = answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.Ordinal),
            Errors = (errors ?? new Dictionary<string, string[]>()).ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal),
            Disabled = view != SurveyView.Form,
        };
        Errors = Summary(errors);
        return new PageResult { StatusCode = view == SurveyView.Closed ? StatusCodes.Status410Gone : StatusCodes.Status200OK };
    }

    /// <summary>The error summary in the order the questions are shown, each linked to its question's field.</summary>
    private List<PageError> Summary(IReadOnlyDictionary<string, string[]>? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return [];
        }

        var summary = new List<PageError>();
        if (errors.TryGetValue(ResponseAnswers.FormKey, out var general))
        {
            summary.AddRange(general.Select(m => new PageError(null, m)));
        }

        foreach (var (number, question) in Form.Groups().SelectMany(g => g.Questions))
        {
            if (errors.TryGetValue(question.Id, out var messages))
            {
                summary.AddRange(messages.Select(m => new PageError("#" + QuestionnaireFormModel.FieldId(question.Id), $"Question {number}: {m}")));
            }
        }

        return summary;
    }

    /// <summary>The posted <c>answers[{questionId}]</c> fields; several values for a multiple choice.</summary>
    private Dictionary<string, string[]> PostedAnswers()
    {
        var answers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, values) in Request.Form)
        {
            if (key.Length > AnswersPrefix.Length + 1 && key.StartsWith(AnswersPrefix, StringComparison.Ordinal) && key[^1] == ']')
            {
                answers[key[AnswersPrefix.Length..^1]] = [.. values.OfType<string>()];
            }
        }

        return answers;
    }
}
