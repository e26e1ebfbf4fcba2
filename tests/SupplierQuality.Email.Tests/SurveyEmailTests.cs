using SupplierQuality.Email.Templates;

namespace SupplierQuality.Email.Tests;

public sealed class SurveyEmailTests
{
    private static readonly MailTemplateValues Values = new(
        SupplierName: "Bolt & Nut Ltd",
        ContactName: "Dana Supplier",
        Deadline: SurveyEmail.FormatDeadline(new DateTimeOffset(2030, 3, 31, 17, 0, 0, TimeSpan.Zero)),
        Link: "https://sq.example/s/abc",
        UnsubscribeLink: "https://sq.example/u/abc",
        BuyerName: "Acme <Buying> Ltd");

    private static readonly SurveySender Sender = new(
        LogoUrl: "https://sq.example/organisation/logo?v=0123456789abcdef",
        WhyAsked: "You are asked as a contact at Bolt & Nut Ltd, about how working with Acme <Buying> Ltd goes.",
        ContactName: "Quinn Quality",
        ContactEmail: "quinn@acme.example",
        PrivacyNote: "Only our quality team reads your answers.\nThey are never shared.",
        RepliesReachBuyer: true);

    [Fact]
    public void The_email_names_the_buyer_with_its_logo_the_supplier_why_the_reader_is_asked_the_deadline_in_UTC_who_sees_the_answers_and_whom_to_ask()
    {
        var email = SurveyEmail.Render("How is working with {{buyer_name}} going?", "Dear {{contact_name}},\n\nplease tell us.", Values, "Acme <Buying> Ltd", Sender);

        Assert.Contains(
            "<p><img src=\"https://sq.example/organisation/logo?v=0123456789abcdef\" alt=\"\" height=\"48\"",
            email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Acme &lt;Buying&gt; Ltd</strong></p>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(
            "<p>Supplier: <strong>Bolt &amp; Nut Ltd</strong><br>\nYou are asked as a contact at Bolt &amp; Nut Ltd, about how working with Acme &lt;Buying&gt; Ltd goes.</p>",
            email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<p>Please answer by 31 March 2030, 17:00 UTC.", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(
            "<p><strong>Who sees your answers:</strong> Only our quality team reads your answers.<br>\nThey are never shared.</p>",
            email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(
            "<p>Questions about this survey? Ask Quinn Quality (<a href=\"mailto:quinn@acme.example\">quinn@acme.example</a>), or reply to this email.</p>",
            email.HtmlBody, StringComparison.Ordinal);

        Assert.Equal(
            """
            Dear Dana Supplier,

            please tell us.

            Supplier: Bolt & Nut Ltd
            You are asked as a contact at Bolt & Nut Ltd, about how working with Acme <Buying> Ltd goes.

            Open the survey: https://sq.example/s/abc
            Please answer by 31 March 2030, 17:00 UTC.

            Who sees your answers: Only our quality team reads your answers.
            They are never shared.

            Questions about this survey? Ask Quinn Quality (quinn@acme.example), or reply to this email.

            Sent by Acme <Buying> Ltd. Unsubscribe: https://sq.example/u/abc
            """.ReplaceLineEndings("\n"),
            email.TextBody);
    }

    [Fact]
    public void The_deadline_is_given_in_the_campaign_s_time_zone_with_its_offset_in_the_email_and_its_intro()
    {
        Assert.True(Zone.TryFind("Europe/Berlin", out var berlin));
        var deadline = SurveyEmail.FormatDeadline(new DateTimeOffset(2030, 3, 31, 17, 0, 0, TimeSpan.Zero), berlin);
        var email = SurveyEmail.Render("Survey", "Dear {{contact_name}}, please answer by {{deadline}}.", Values with { Deadline = deadline }, "Acme Ltd");

        Assert.Equal("31 March 2030, 19:00 (UTC+02:00, Europe/Berlin)", deadline);
        Assert.Contains("please answer by 31 March 2030, 19:00 (UTC+02:00, Europe/Berlin).", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Please answer by 31 March 2030, 19:00 (UTC+02:00, Europe/Berlin).", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Please answer by 31 March 2030, 19:00 (UTC+02:00, Europe/Berlin).", email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("31 January 2030, 18:00 (UTC+01:00, Europe/Berlin)", SurveyEmail.FormatDeadline(new DateTimeOffset(2030, 1, 31, 17, 0, 0, TimeSpan.Zero), berlin));
    }

    [Fact]
    public void A_copy_of_the_answers_gives_its_times_in_the_campaign_s_time_zone()
    {
        Assert.True(Zone.TryFind("America/New_York", out var newYork));
        var copy = new AnswerCopy(
            "Acme Ltd", "Survey 2030", "Bolt & Nut Ltd", "Dana Supplier", 2,
            new DateTimeOffset(2030, 3, 20, 14, 5, 0, TimeSpan.Zero),
            new DateTimeOffset(2030, 3, 31, 17, 0, 0, TimeSpan.Zero),
            "https://sq.example/s/abc",
            [new AnswerLine("1", "How good were the parts?", "4 of 5 – Good")],
            newYork);

        var email = AnswerCopyEmail.Render(copy);

        Assert.Contains("(version 2, sent 20 March 2030, 10:05 (UTC-04:00, America/New_York))", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("You can change your answers until 31 March 2030, 13:00 (UTC-04:00, America/New_York);", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("sent 20 March 2030, 14:05 UTC", AnswerCopyEmail.Render(copy with { Zone = null }).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_organisation_s_details_the_email_leaves_their_lines_out()
    {
        var email = SurveyEmail.Render("Survey", "Please answer.", Values, "Acme Ltd");

        Assert.DoesNotContain("<img", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Who sees your answers", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Questions about this survey", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Supplier: Bolt & Nut Ltd\n\nOpen the survey:", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "quinn@acme.example", false, "Questions about this survey? Ask quinn@acme.example.")]
    [InlineData("Quinn Quality", null, false, "Questions about this survey? Ask Quinn Quality.")]
    [InlineData(null, null, true, "Questions about this survey? Reply to this email.")]
    public void The_line_about_questions_names_whom_there_is(string? name, string? email, bool replies, string expected)
    {
        var rendered = SurveyEmail.Render("Survey", "Please answer.", Values, "Acme Ltd", new SurveySender(ContactName: name, ContactEmail: email, RepliesReachBuyer: replies));

        Assert.Contains($"\n\n{expected}\n\n", rendered.TextBody, StringComparison.Ordinal);
    }
}
