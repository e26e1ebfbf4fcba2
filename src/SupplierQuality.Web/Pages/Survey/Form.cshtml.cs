using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SupplierQuality.Email.Languages;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Web.Hosting;
using SupplierQuality.Web.Invitations;
using SupplierQuality.Web.Pages.Questionnaires;
using SupplierQuality.Web.Responses;

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

    /// <summary>What was submitted, what happens next, a link to edit it and a button that emails a copy.</summary>
    Submitted,
}

/// <summary>
/// The supplier's form at <c>/s/{token}</c>, anonymous: the token is the credential. GET shows the form (or what
/// was submitted); POST saves a draft (<c>action=save</c>) or submits. Both answer with a redirect only after the
/// invitation grain stored the answers; invalid answers come back with messages and everything typed (200, as every
/// form page here). A submit over a response version that another submission has replaced since the form was loaded
/// stores nothing and comes back with the answers now stored and, listed under them, the ones it sent (409).
/// <para>
/// The submitted page's "Email me a copy of my answers" posts <c>action=copy</c> with a click id (<c>copyId</c>): see
/// <see cref="CopyAsync"/>. Every page shown names who asks (the organisation, read through <see cref="SurveyOrganisation"/>
/// only when a page is shown), the supplier and, while the form is open, the deadline with its zone.
/// </para>
/// <para>
/// A post that cannot be read whole (a control character, a value or the body over the limits, too many fields, not
/// a form) or that fails the antiforgery check stores nothing, so nothing saved before is lost, and shows the form
/// again with a message at the top and every answer that could be read (the last saved answer where none could):
/// 400, or 413 for a body over the server's limit. A browser shows the page whatever the status; the status still
/// tells logs and scripts that the request was refused, which a 200 would hide.
/// </para>
/// </summary>
// The page reads the post itself (SurveyFormPost) and checks the antiforgery token after it, so that a post the
// framework's form reader would refuse, or one with an expired token, still gets the form back with its answers.
[IgnoreAntiforgeryToken]
public sealed class FormModel(
    IGrainFactory grains,
    IAntiforgery antiforgery,
    IOptions<FormOptions> formOptions,
    IOptions<CampaignOptions> campaignOptions,
    SurveyOrganisation organisation) : PageModel
{
    private const string AnswersPrefix = "answers[";

    /// <summary>The query parameter that switches the form's language (<c>?lang=de</c>), and the cookie that remembers it for this form.</summary>
    public const string LanguageParameter = "lang";

    private const string LanguageCookie = "sq-lang";

    public SurveyView View { get; private set; }

    public string Token { get; private set; } = string.Empty;

    public InvitationForm? Invitation { get; private set; }

    public QuestionnaireFormModel Form { get; private set; } = null!;

    public IReadOnlyList<PageError> Errors { get; private set; } = [];

    public Guid SubmissionId { get; private set; }

    /// <summary>
    /// The response version the form was loaded over (0: none yet), posted back so that a submit over a version another
    /// browser has since replaced is refused instead of silently overwriting it.
    /// </summary>
    public int BaseVersion { get; private set; }

    /// <summary>After a submit refused because another one came first: the answers it sent, shown so none are lost.</summary>
    public IReadOnlyDictionary<string, string[]>? NotSubmitted { get; private set; }

    public bool JustSaved { get; private set; }

    public bool JustSubmitted { get; private set; }

    /// <summary>The organisation, read only for a page that is shown; null when it could not be read.</summary>
    public OrganisationDetails? Organisation { get; private set; }

    /// <summary>Who asks, in the survey email's words: why this person is asked, the contact person, the privacy note, the logo.</summary>
    public SurveySender Sender => Invitation is null ? new SurveySender() : WhoAsks(Organisation, Invitation, publicBaseUrl: string.Empty);

    /// <summary>
    /// The language the page is shown in: the one picked on the form (<c>?lang=</c>, then the cookie that remembers it
    /// for this form), else the invitation's (the contact's preferred language, else the campaign's), else English.
    /// </summary>
    public Language Language =>
        Language.TryFind(Request.Query[LanguageParameter], out var asked) ? asked
        : Language.TryFind(Request.Cookies[LanguageCookie], out var remembered) ? remembered
        : Language.FirstOf(Invitation?.Language);

    /// <summary>The page's own words in <see cref="Language"/>.</summary>
    public RespondentTexts Texts => RespondentTexts.For(Language);

    /// <summary>The address of this page in another language, keeping whether the submitted answers are being edited.</summary>
    public string LanguageLink(Language language) =>
        $"/s/{Token}?{(Flag("edit") ? "edit=true&" : string.Empty)}{LanguageParameter}={language.Code}";

    /// <summary>A new click id for the "Email me a copy" button of the page shown.</summary>
    public Guid CopyId { get; } = Guid.NewGuid();

    /// <summary>The page follows a copy the mail service took.</summary>
    public bool CopySent { get; private set; }

    /// <summary><c>d***@supplier.example</c>: where a copy goes, enough to recognise (see <see cref="UnsubscribeModel.Mask"/>).</summary>
    public string CopyAddress => Invitation?.Copies is { } copies ? UnsubscribeModel.Mask(copies.Email) : string.Empty;

    /// <summary>Why no copy can be emailed to a suppressed address, in the respondent's words.</summary>
    public static string Suppressed(string reason, RespondentTexts? texts = null) => (texts ?? RespondentTexts.English)[reason switch
    {
        MailSuppression.Bounced or "bounce" => "SuppressedBounced",
        MailSuppression.SpamReport => "SuppressedSpam",
        MailSuppression.Unsubscribed or "unsubscribe" or "group_unsubscribe" => "SuppressedUnsubscribed",
        _ => "SuppressedOther",
    }];

    /// <summary>
    /// "Questions about this survey? Ask Quinn Quality (quinn@buyer.example), or write to quality@buyer.example.": the
    /// contact person and the reply-to address when it is another; null when the organisation names neither.
    /// </summary>
    public IHtmlContent? Questions()
    {
        var sender = Sender;
        var (name, email) = (sender.ContactName, sender.ContactEmail);
        var writeTo = Organisation?.Profile.ReplyTo is { } replyTo && !string.Equals(replyTo, email, StringComparison.OrdinalIgnoreCase) ? replyTo : null;
        if (name is null && email is null && writeTo is null)
        {
            return null;
        }

        var t = Texts;
        if (name is null && email is null)
        {
            return new HtmlString(t.FormatHtml("QuestionsWrite", MailTo(writeTo!)));
        }

        var who = (name, email) switch
        {
            (not null, not null) => $"{HtmlEncoder.Default.Encode(name)} ({MailTo(email)})",
            (not null, null) => HtmlEncoder.Default.Encode(name),
            _ => MailTo(email!),
        };
        return new HtmlString(writeTo is null ? t.FormatHtml("QuestionsAsk", who) : t.FormatHtml("QuestionsAskOrWrite", who, MailTo(writeTo)));
    }

    private static string MailTo(string address)
    {
        var encoded = HtmlEncoder.Default.Encode(address);
        return $"<a href=\"mailto:{encoded}\">{encoded}</a>";
    }

    /// <summary>"1 copy", "3 copies".</summary>
    public static string Copies(int count, RespondentTexts? texts = null)
    {
        var t = texts ?? RespondentTexts.English;
        return count == 1 ? t["CopyOne"] : t.Format("CopyMany", count);
    }

    /// <summary>
    /// What the form and the copy of the answers say of who asks, as <see cref="OrganisationMail.Sender"/> words it for the
    /// email: no reason given for an invitation that does not know its group or its supplier.
    /// </summary>
    private SurveySender WhoAsks(OrganisationDetails? organisation, InvitationForm invitation, string publicBaseUrl)
    {
        var sender = OrganisationMail.Sender(
            organisation, publicBaseUrl, invitation.Kind ?? RecipientKind.Contact, invitation.SupplierName, invitation.BuyerName, Language);
        return invitation.Kind is null || invitation.SupplierName.Length == 0 ? sender with { WhyAsked = null } : sender;
    }

    /// <summary>Reads the organisation once the handler chose to show a page: a redirect after a stored command reads nothing more.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is null && executed.Result is PageResult && Invitation is not null)
        {
            Organisation = await organisation.GetAsync();
            await TranslateAsync();
        }
    }

    /// <summary>
    /// The questions in the page's language where the questionnaire has a translation into it, else as written: read
    /// from the questionnaire each time, as a translation may be added to a version campaigns already run on.
    /// </summary>
    private async Task TranslateAsync()
    {
        if (Form is null || Invitation is not { QuestionnaireId: var id } invitation || id == Guid.Empty || Language == Language.English)
        {
            return;
        }

        _translation ??= await grains.GetGrain<IQuestionnaireGrain>(id).GetTranslationAsync(invitation.Questionnaire.Number, Language.Code);
        if (_translation.Count > 0 && ReferenceEquals(Form.Version, invitation.Questionnaire))
        {
            Form = new QuestionnaireFormModel
            {
                Version = QuestionnaireTranslation.Apply(Form.Version, _translation),
                Answers = Form.Answers,
                Errors = Form.Errors,
                Disabled = Form.Disabled,
                Texts = Form.Texts,
            };
        }
    }

    /// <summary>The questionnaire's translation into the page's language, once read.</summary>
    private IReadOnlyDictionary<string, string>? _translation;

    /// <summary>
    /// An answer as the supplier chose it: a point with its scale ("4 of 5", "5 of 5 – Excellent" at an end), the
    /// labels of the chosen options, "Not applicable", or what was typed.
    /// </summary>
    public static string Readable(Question question, IReadOnlyDictionary<string, string[]> answers, RespondentTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answers);
        var t = texts ?? RespondentTexts.English;
        if (!answers.TryGetValue(question.Id, out var values) || values.Length == 0)
        {
            return t["NotAnswered"];
        }

        if (ResponseAnswers.IsNotApplicable(question, values))
        {
            return t["NotApplicable"];
        }

        if (QuestionnaireFormModel.IsScale(question))
        {
            // A bare "4" does not say what it was out of, nor which end is good.
            var point = t.Format("PointOf", values[0], question.Kind == QuestionKind.Rating ? "10" : question.Points?.ToString(CultureInfo.InvariantCulture));
            return ResponseText.ScaleEnd(question, values[0]) is { } end ? $"{point} – {end}" : point;
        }

        var labels = QuestionnaireFormModel.Choices(question, t).ToDictionary(c => c.Value, c => c.Label, StringComparer.Ordinal);
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
            CopySent = Flag("copied") && invitation.Copies is { Sent: > 0 };
            RememberLanguage();
            return Show(SurveyView.Submitted, invitation.Submitted.Answers);
        }

        SubmissionId = Guid.NewGuid();
        RememberLanguage();
        return Show(SurveyView.Form, invitation.Draft ?? invitation.Submitted?.Answers ?? new Dictionary<string, string[]>());
    }

    /// <summary>
    /// The command comes first: on success it is the page's only grain call, and the form is loaded only when the page
    /// must be shown again.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!InvitationToken.TryParse(RouteData.Values["token"] as string, out var token))
        {
            return NotValid();
        }

        Token = token;
        var grain = grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token));
        var post = await SurveyFormPost.ReadAsync(Request, formOptions.Value, HttpContext.RequestAborted);
        HttpContext.Features.Set<IFormFeature>(new FormFeature(post.Form));
        if (string.Equals(post.Form["action"], "copy", StringComparison.Ordinal))
        {
            return await CopyAsync(grain, post);
        }

        var answers = PostedAnswers(post.Form);
        SubmissionId = Guid.TryParse(post.Form["submissionId"], out var id) && id != Guid.Empty ? id : Guid.NewGuid();
        // A page loaded before the form carried its version posts none: it submits as it always did.
        int? baseVersion = int.TryParse(post.Form["baseVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var posted) ? posted : null;
        if (!post.IsWhole)
        {
            return await LoadAsync(baseVersion) ?? ShowUnread(post, answers);
        }

        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return await LoadAsync(baseVersion) ?? ShowNotSaved(answers, Texts["NotSavedExpired"]);
        }

        var save = string.Equals(post.Form["action"], "save", StringComparison.Ordinal);
        InvitationResult result;
        try
        {
            result = save ? await grain.SaveDraftAsync(answers)
                : baseVersion is { } over ? await grain.SubmitReplacingAsync(answers, SubmissionId, over)
                : await grain.SubmitAsync(answers, SubmissionId);
        }
        catch (Exception e) when (StorageFailure.Cause(e) is { } cause)
        {
            // Not acknowledged, so perhaps not stored: the answers come back with the same submission id, so sending
            // them again stores them once.
            StorageFailureMiddleware.Log(HttpContext, cause, e);
            if (await LoadAsync(baseVersion) is { } notShown)
            {
                return notShown;
            }

            var page = ShowNotSaved(answers, Texts["NotSavedStorage"]);
            StorageFailureMiddleware.SetUnavailable(Response);
            page.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return page;
        }

        if (result.Outcome == InvitationOutcome.Ok)
        {
            return Redirect($"/s/{Token}?{(save ? "saved" : "submitted")}=true");
        }

        if (result.Outcome == InvitationOutcome.Replaced)
        {
            return await ShowReplacedAsync(grain, answers, result.Response!);
        }

        if (result.Outcome == InvitationOutcome.Closed && await grain.GetFormAsync() is { } closed)
        {
            // The deadline passed while the page was open: what was typed is shown read-only, so it can be copied.
            Invitation = closed;
            return Show(SurveyView.Closed, answers);
        }

        return await LoadAsync(baseVersion) ?? (result.Outcome == InvitationOutcome.Invalid ? Show(SurveyView.Form, answers, InLanguage(result.Errors, answers, save)) : NotValid());
    }

    /// <summary>
    /// The grain words its refusals in English (its callers include the API); the form checks the answers again by the
    /// same rules (<see cref="ResponseAnswers.Validate"/>) to word them in its reader's language. Should that find
    /// nothing, the grain's words stand.
    /// </summary>
    private IReadOnlyDictionary<string, string[]> InLanguage(IReadOnlyDictionary<string, string[]> errors, Dictionary<string, string[]> answers, bool save)
    {
        if (Language == Language.English)
        {
            return errors;
        }

        var worded = ResponseAnswers.Validate(Invitation!.Questionnaire, ResponseAnswers.Normalize(answers), complete: !save, Texts);
        return worded.Count > 0 ? worded : errors;
    }

    /// <summary>
    /// A language picked with <c>?lang=</c> is remembered for this form only (the cookie's path is the form's), so the
    /// pages after a save or a submit, and the link opened again, speak it too.
    /// </summary>
    private void RememberLanguage()
    {
        if (!Language.TryFind(Request.Query[LanguageParameter], out var asked) || Token.Length == 0)
        {
            return;
        }

        Response.Cookies.Append(LanguageCookie, asked.Code, new CookieOptions
        {
            Path = "/s/" + Token,
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(180),
            IsEssential = true,
        });
    }

    /// <summary>
    /// "Email me a copy of my answers": the submitted answers, worded as the page's read-back words them, go to the
    /// invitation's own address (never one typed here) through <see cref="IInvitationGrain.SendAnswerCopyAsync"/>, which
    /// sends once per click id and at most a few per invitation. Sent: a redirect to the page saying so. Refused (a
    /// suppressed address, no copies left, nothing submitted): the page again saying why, 409; the mail service did not
    /// take it: 503. A post that cannot be trusted (not read whole, an expired antiforgery token, no click id) sends
    /// nothing and shows the page with a fresh button, 400.
    /// </summary>
    private async Task<IActionResult> CopyAsync(IInvitationGrain grain, SurveyFormPost post)
    {
        // The text key of why nothing is sent, worded once the page knows its language.
        string? problem = null;
        var copyId = Guid.Empty;
        if (!post.IsWhole)
        {
            problem = "CopyUnread";
        }
        else if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            problem = "CopyExpired";
        }
        else if (!Guid.TryParse(post.Form["copyId"], out copyId) || copyId == Guid.Empty)
        {
            problem = "CopyIncomplete";
        }

        if (await LoadAsync() is { } notShown)
        {
            return notShown;
        }

        // Worded once the invitation is read: its language is the page's unless the reader chose another.
        problem = problem is null ? null : Texts[problem];
        var invitation = Invitation!;
        if (invitation.Submitted is not { } submitted)
        {
            return ShowCopyRefused(
                problem ?? Texts["CopyNothingSubmitted"],
                problem is null ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        }

        if (problem is not null)
        {
            return ShowCopyRefused(problem, StatusCodes.Status400BadRequest);
        }

        var details = await organisation.GetAsync();
        var publicBaseUrl = campaignOptions.Value.PublicBaseUrl;
        Show(SurveyView.Submitted, submitted.Answers);
        await TranslateAsync();
        var email = AnswerCopyEmail.Render(
            new AnswerCopy(
                invitation.BuyerName,
                invitation.CampaignName,
                invitation.SupplierName,
                invitation.RecipientName,
                submitted.Version,
                submitted.SubmittedAt,
                invitation.Deadline,
                InvitationLinks.SurveyUrl(publicBaseUrl, Token),
                [.. Form.Groups().SelectMany(g => g.Questions).Select(q =>
                    new AnswerLine(q.Number.ToString(CultureInfo.InvariantCulture), q.Question.Text, Readable(q.Question, submitted.Answers, Texts)))],
                invitation.Zone,
                Language),
            WhoAsks(details, invitation, publicBaseUrl));
        var replyTo = OrganisationMail.ReplyTo(details);
        AnswerCopyResult result;
        try
        {
            result = await grain.SendAnswerCopyAsync(new AnswerCopyRequest(
                copyId, email.Subject, email.HtmlBody, email.TextBody, OrganisationMail.SenderName(details, invitation.BuyerName), replyTo?.Email, replyTo?.Name));
        }
        catch (Exception e) when (StorageFailure.Cause(e) is { } cause)
        {
            StorageFailureMiddleware.Log(HttpContext, cause, e);
            var page = ShowCopyRefused(
                Texts["CopyStorage"],
                StatusCodes.Status503ServiceUnavailable);
            StorageFailureMiddleware.SetUnavailable(Response);
            return page;
        }

        Invitation = invitation with { Copies = result.Status ?? invitation.Copies };
        var to = CopyAddress;
        return result.Outcome switch
        {
            AnswerCopyOutcome.Sent => Redirect($"/s/{Token}?copied=true"),
            AnswerCopyOutcome.NotFound => NotValid(),
            AnswerCopyOutcome.NotSubmitted => ShowCopyRefused(Texts["CopyNothingSubmitted"], StatusCodes.Status409Conflict),
            AnswerCopyOutcome.Suppressed => ShowCopyRefused(
                Texts.Format("CopySuppressed", Suppressed(result.Reason ?? string.Empty, Texts), to), StatusCodes.Status409Conflict),
            AnswerCopyOutcome.LimitReached => ShowCopyRefused(
                Texts.Format("CopyLimitReached", Copies(result.Status?.Sent ?? InvitationState.MaxAnswerCopies, Texts), to),
                StatusCodes.Status409Conflict),
            _ when result.RetryLater => ShowCopyRefused(Texts["CopyRetry"], StatusCodes.Status503ServiceUnavailable),
            _ => ShowCopyRefused(Texts.Format("CopyRefused", to), StatusCodes.Status409Conflict),
        };
    }

    /// <summary>The submitted page (the form, when nothing is submitted) with why no copy was sent at the top.</summary>
    private PageResult ShowCopyRefused(string message, int status)
    {
        var submitted = Invitation!.Submitted;
        var page = Show(
            submitted is null ? SurveyView.Form : SurveyView.Submitted,
            submitted?.Answers ?? Invitation.Draft ?? new Dictionary<string, string[]>(),
            new Dictionary<string, string[]> { [ResponseAnswers.FormKey] = [message] });
        page.StatusCode = status;
        return page;
    }

    /// <summary>
    /// The form again after a submit that another submission beat (the link open in two browsers): the answers now
    /// submitted fill the form, and the answers this post sent are listed under it, so the person can compare and
    /// submit again over the new version; 409, nothing written.
    /// </summary>
    private async Task<PageResult> ShowReplacedAsync(IInvitationGrain grain, Dictionary<string, string[]> answers, SubmittedResponse current)
    {
        Invitation = await grain.GetFormAsync() ?? Invitation;
        BaseVersion = current.Version;
        NotSubmitted = answers;
        var page = Show(SurveyView.Form, current.Answers, new Dictionary<string, string[]>
        {
            [ResponseAnswers.FormKey] = [Texts.Format("Replaced", current.Version, Invitation!.Zone.Show(current.SubmittedAt, Language))],
        });
        page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    /// <summary>
    /// Null when the invitation is open; otherwise the page to answer with (not valid, or closed). A post passes the
    /// response version it was loaded over (null from a page that carried none: the latest counts).
    /// </summary>
    private async Task<IActionResult?> LoadAsync(int? baseVersion = null)
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

        BaseVersion = baseVersion ?? Invitation.Submitted?.Version ?? 0;
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
            Texts = Texts,
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
                summary.AddRange(messages.Select(m => new PageError("#" + QuestionnaireFormModel.FieldId(question.Id), Texts.Format("SummaryQuestion", number, m))));
            }
        }

        return summary;
    }

    /// <summary>
    /// The form again after a post that could not be read whole: what was read, with the bad fields marked; where a
    /// question's answer could not be read, the last saved answer (draft, or else submitted) instead.
    /// </summary>
    private PageResult ShowUnread(SurveyFormPost post, Dictionary<string, string[]> answers)
    {
        var saved = Invitation!.Draft ?? Invitation.Submitted?.Answers ?? new Dictionary<string, string[]>();
        var questions = Invitation.Questionnaire.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var otherFields = false;
        foreach (var (field, problem) in post.FieldProblems)
        {
            if (QuestionOf(field) is not { } question || !questions.Contains(question))
            {
                otherFields = true;
                continue;
            }

            var hasSaved = saved.TryGetValue(question, out var savedValues);
            if (problem == SurveyFieldProblem.TooLong && hasSaved)
            {
                answers[question] = savedValues!;
            }

            errors[question] = [problem switch
            {
                SurveyFieldProblem.ControlCharacters => Texts["UnreadControl"],
                _ => Texts.Format("UnreadTooLong", formOptions.Value.ValueLengthLimit) + (hasSaved ? " " + Texts["UnreadSavedShown"] : string.Empty),
            }];
        }

        // Fields that were never read may have held answers: the saved ones stand in for them.
        if (post.Problem != SurveyPostProblem.None)
        {
            foreach (var (question, values) in saved)
            {
                if (!answers.ContainsKey(question) && !errors.ContainsKey(question))
                {
                    answers[question] = values;
                }
            }
        }

        var limit = HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        var message = post.Problem switch
        {
            SurveyPostProblem.TooManyFields => Texts.Format("UnreadTooMany", formOptions.Value.ValueCountLimit),
            SurveyPostProblem.TooLarge => Texts.Format("UnreadTooLarge", limit is { } bytes ? Size(bytes) : Texts["UnreadSize"]),
            SurveyPostProblem.NotAForm => Texts["UnreadNotAForm"],
            _ when otherFields => Texts["UnreadPart"],
            _ => Texts["NotSavedUnread"],
        };
        var page = ShowNotSaved(answers, message, errors);
        page.StatusCode = post.Problem == SurveyPostProblem.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>The form with these answers and a message at the top of the error summary; 400.</summary>
    private PageResult ShowNotSaved(Dictionary<string, string[]> answers, string message, Dictionary<string, string[]>? errors = null)
    {
        errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        errors[ResponseAnswers.FormKey] = [message];
        var page = Show(SurveyView.Form, answers, errors);
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private static string Size(long bytes) =>
        (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    /// <summary>The question id of an <c>answers[{questionId}]</c> field name, or null for another field.</summary>
    private static string? QuestionOf(string field) =>
        field.Length > AnswersPrefix.Length + 1 && field.StartsWith(AnswersPrefix, StringComparison.Ordinal) && field[^1] == ']'
            ? field[AnswersPrefix.Length..^1]
            : null;

    /// <summary>The posted <c>answers[{questionId}]</c> fields; several values for a multiple choice.</summary>
    private static Dictionary<string, string[]> PostedAnswers(IFormCollection form)
    {
        var answers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (QuestionOf(key) is { } question)
            {
                answers[question] = [.. values.OfType<string>()];
            }
        }

        return answers;
    }
}
