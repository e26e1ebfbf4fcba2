using SupplierQuality.Email.Templates;

namespace SupplierQuality.Email.Tests;

/// <summary>An internal evaluator's one email: every supplier to rate with its link and its form's state, and no unsubscribe line.</summary>
public sealed class EvaluatorDigestEmailTests
{
    private const string Deadline = "31 March 2030, 17:00 UTC";

    private static readonly SurveySender Sender = new(
        WhyAsked: "You are asked as a colleague at Acme Buying Ltd who works with these suppliers, to rate each of them.",
        ContactName: "Quinn Quality",
        ContactEmail: "quinn@acme.example",
        PrivacyNote: "Only our quality team reads your answers.",
        Colleague: true);

    private static readonly DigestLine[] Three =
    [
        new("Bolt & Nut Ltd", "https://sq.example/s/aaa", DigestFormState.NotOpened),
        new("Castings GmbH", "https://sq.example/s/bbb", DigestFormState.InProgress),
        new("Dies SA", "https://sq.example/s/ccc", DigestFormState.Submitted, New: true),
    ];

    private static RenderedEmail Digest(IReadOnlyList<DigestLine> lines, bool reminder = false, SurveySender? sender = null) =>
        EvaluatorDigestEmail.Render(SurveyTexts.EvaluatorSubject, SurveyTexts.EvaluatorIntro, "Eve Evaluator", Deadline, lines, reminder, 3, "Acme Buying Ltd", sender ?? Sender);

    [Fact]
    public void A_digest_lists_each_supplier_with_its_own_link_and_the_state_of_its_form()
    {
        var email = Digest(Three);

        Assert.Equal("Please rate Bolt & Nut Ltd, Castings GmbH and Dies SA", email.Subject);
        Assert.Equal(
            """
            Dear Eve Evaluator,

            Please rate each supplier listed below as a supplier to Acme Buying Ltd, from your own experience of working with them. Each survey takes about ten minutes.

            You are asked as a colleague at Acme Buying Ltd who works with these suppliers, to rate each of them.

            Suppliers to rate (3):

            Bolt & Nut Ltd: not opened
            https://sq.example/s/aaa

            Castings GmbH: in progress (saved, not submitted)
            https://sq.example/s/bbb

            Dies SA (new): submitted (you may change your answers until the deadline)
            https://sq.example/s/ccc

            Please answer by 31 March 2030, 17:00 UTC. Each link is yours alone: it opens your form about that supplier, and you may save and come back.

            Who sees your answers: Only our quality team reads your answers.

            Questions about this survey? Ask Quinn Quality (quinn@acme.example).

            Sent by Acme Buying Ltd. If you should not be rating these suppliers, ask Quinn Quality (quinn@acme.example).
            """,
            email.TextBody);
        Assert.Contains(
            "<li style=\"margin-bottom:.8em\"><strong>Bolt &amp; Nut Ltd</strong>: not opened<br><a href=\"https://sq.example/s/aaa\">Rate Bolt &amp; Nut Ltd</a></li>",
            email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://sq.example/s/bbb\">Go on rating Castings GmbH</a>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Dies SA</strong> (new): submitted", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://sq.example/s/ccc\">See or change your answers about Dies SA</a>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(
            "Sent by Acme Buying Ltd. If you should not be rating these suppliers, ask Quinn Quality (<a href=\"mailto:quinn@acme.example\">quinn@acme.example</a>).</p>",
            email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubscribe", email.TextBody + email.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_reminder_is_headed_as_what_is_still_to_rate_out_of_all()
    {
        var email = Digest(Three[..2], reminder: true);

        Assert.Equal("Please rate Bolt & Nut Ltd and Castings GmbH", email.Subject);
        Assert.Contains("Still to rate (2 of 3 suppliers):", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h2 style=\"font-size:1.1em\">Still to rate (2 of 3 suppliers)</h2>", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void One_supplier_is_named_in_the_intro_and_many_are_counted_in_the_subject()
    {
        var one = Digest(Three[..1]);
        DigestLine[] five = [.. Three, new("Eta Oy", "https://sq.example/s/ddd", DigestFormState.Opened), new("Fix AB", "https://sq.example/s/eee", DigestFormState.NotOpened)];

        Assert.Equal("Please rate Bolt & Nut Ltd", one.Subject);
        Assert.StartsWith("Dear Eve Evaluator,\n\nPlease rate Bolt & Nut Ltd as a supplier to Acme Buying Ltd,", one.TextBody, StringComparison.Ordinal);
        Assert.Contains("If you should not be rating Bolt & Nut Ltd, ask Quinn Quality", one.TextBody, StringComparison.Ordinal);
        Assert.Equal("Please rate Bolt & Nut Ltd, Castings GmbH and 3 more suppliers", Digest(five).Subject);
        Assert.Contains("Eta Oy: opened, not answered yet", Digest(five).TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, true, "If you should not be rating these suppliers, reply to this email.")]
    [InlineData(null, null, false, "If you should not be rating these suppliers, ask the quality team at Acme Buying Ltd.")]
    [InlineData(null, "quinn@acme.example", false, "If you should not be rating these suppliers, ask quinn@acme.example.")]
    [InlineData("Quinn Quality", null, false, "If you should not be rating these suppliers, ask Quinn Quality.")]
    public void Whom_to_ask_falls_back_to_replying_and_then_to_the_quality_team(string? name, string? email, bool replies, string expected)
    {
        var text = Digest(Three, sender: new SurveySender(ContactName: name, ContactEmail: email, RepliesReachBuyer: replies, Colleague: true)).TextBody;

        Assert.EndsWith($"Sent by Acme Buying Ltd. {expected}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_placeholder_in_the_intro_points_at_the_list_and_the_unsubscribe_placeholder_is_empty()
    {
        var email = EvaluatorDigestEmail.Render(
            "Rate {{supplier_name}}", "Use {{link}}.{{unsubscribe_link}}", "Eve", Deadline, Three, false, 3, "Acme Buying Ltd", Sender);

        Assert.StartsWith("Use the links below.\n\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Use the links below.</p>", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_colleagues_email_about_one_supplier_has_no_unsubscribe_line_and_says_whom_to_ask()
    {
        var values = new MailTemplateValues("Bolt & Nut Ltd", "Eve", Deadline, "https://sq.example/s/aaa", string.Empty, "Acme Buying Ltd");

        var email = SurveyEmail.Render(SurveyTexts.EvaluatorSubject, SurveyTexts.EvaluatorIntro, values, "Acme Buying Ltd", Sender);

        Assert.EndsWith("Sent by Acme Buying Ltd. If you should not be rating Bolt & Nut Ltd, ask Quinn Quality (quinn@acme.example).", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubscribe", email.TextBody + email.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }
}
