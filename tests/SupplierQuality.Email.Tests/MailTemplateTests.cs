using SupplierQuality.Email.Templates;

namespace SupplierQuality.Email.Tests;

public sealed class MailTemplateTests
{
    private static readonly MailTemplateValues Values = new(
        SupplierName: "Smith & <Sons>",
        ContactName: "Zoë \"Z\" O'Neil",
        Deadline: "31 March 2030",
        Link: "https://sq.example/s/abc?x=1&y=2",
        UnsubscribeLink: "https://sq.example/u/abc",
        BuyerName: "Buyer & Co");

    [Fact]
    public void Text_gets_the_values_as_they_are()
    {
        var text = MailTemplate.RenderText("Dear {{contact_name}} of {{supplier_name}}, answer by {{deadline}}: {{link}} ({{unsubscribe_link}})", Values);

        Assert.Equal("Dear Zoë \"Z\" O'Neil of Smith & <Sons>, answer by 31 March 2030: https://sq.example/s/abc?x=1&y=2 (https://sq.example/u/abc)", text);
    }

    [Fact]
    public void Html_encodes_the_values_and_the_manager_text()
    {
        var html = MailTemplate.RenderHtml("<b>Dear</b> {{contact_name}} of {{supplier_name}}", Values);

        Assert.Equal("<p>&lt;b&gt;Dear&lt;/b&gt; Zo&#235; &quot;Z&quot; O&#39;Neil of Smith &amp; &lt;Sons&gt;</p>", html);
    }

    [Fact]
    public void Html_turns_the_links_into_encoded_anchors_and_keeps_paragraphs()
    {
        var html = MailTemplate.RenderHtml("Hello,\r\nplease answer.\r\n\r\nLink: {{link}}", Values);

        Assert.Equal(
            "<p>Hello,<br>\nplease answer.</p>\n<p>Link: <a href=\"https://sq.example/s/abc?x=1&amp;y=2\">https://sq.example/s/abc?x=1&amp;y=2</a></p>",
            html);
    }

    [Fact]
    public void Placeholders_may_have_spaces_and_any_case()
    {
        Assert.Empty(MailTemplate.Validate("{{ Supplier_Name }} {{DEADLINE}}"));
        Assert.Equal("Smith & <Sons> 31 March 2030", MailTemplate.RenderText("{{ Supplier_Name }} {{DEADLINE}}", Values));
    }

    [Fact]
    public void An_unknown_placeholder_is_reported_once_with_the_known_ones()
    {
        var errors = MailTemplate.Validate("Hi {{first_name}}, {{first_name}} again, see {{link}}");

        var error = Assert.Single(errors);
        Assert.StartsWith("{{first_name}} is not a known placeholder.", error, StringComparison.Ordinal);
        Assert.Contains("{{supplier_name}}, {{contact_name}}, {{buyer_name}}, {{deadline}}, {{link}}, {{unsubscribe_link}}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_placeholder_is_reported()
    {
        var errors = MailTemplate.Validate("Hi {{contact_name, answer by {{deadline}}");

        Assert.Equal(["\"{{contact_name, answer by \" opens a placeholder with {{ but does not close it with }}."], errors);
    }

    [Fact]
    public void Rendering_leaves_an_unknown_placeholder_as_written()
    {
        Assert.Equal("Hi {{first_name}}", MailTemplate.RenderText("Hi {{first_name}}", Values));
    }

    [Fact]
    public void A_template_without_placeholders_is_valid()
    {
        Assert.Empty(MailTemplate.Validate("Please rate us. {single braces} are fine."));
        Assert.Empty(MailTemplate.Validate(null));
    }

    [Fact]
    public void A_subject_is_one_line_whatever_the_values_hold()
    {
        var subject = MailTemplate.RenderSubject("Survey\nfor {{supplier_name}}", Values with { SupplierName = "Acme\r\nBcc: x@evil.example" });

        Assert.Equal("Survey for Acme Bcc: x@evil.example", subject);
    }

    [Fact]
    public void The_survey_email_holds_the_intro_the_link_the_deadline_and_the_unsubscribe_link()
    {
        var email = SurveyEmail.Render("Your view of us, {{supplier_name}}", "Dear {{contact_name}},\n\nplease rate us.", Values, "Buyer & Co");

        Assert.Equal("Your view of us, Smith & <Sons>", email.Subject);
        Assert.Contains("<p>Dear Zo&#235; &quot;Z&quot; O&#39;Neil,</p>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://sq.example/s/abc?x=1&amp;y=2\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://sq.example/u/abc\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Buyer &amp; Co", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Open the survey: https://sq.example/s/abc?x=1&y=2", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Please answer by 31 March 2030.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe: https://sq.example/u/abc", email.TextBody, StringComparison.Ordinal);
    }
}
